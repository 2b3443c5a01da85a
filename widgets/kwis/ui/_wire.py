"""One widget model over one Jupyter comm: the Jupyter widget protocol (2.1, as ipywidgets'
frontend speaks it), for what kwis's widgets use, drawn in the page by anywidget's frontend
model (`AnyModel`/`AnyView`) from the `_esm` and `_css` it sends.

Why not `anywidget.AnyWidget` (an `ipywidgets.DOMWidget`): importing the two takes about 45 ms
in a fresh kernel (ipywidgets sets up some hundred traitlets classes, anywidget loads psygnal to
watch its files), and that import was most of the time from Run All to an answerable quiz
(issue 13). The page is unchanged: the same widget manager, the same AnyModel and AnyView.

What it speaks (ipywidgets' packages/schema/messages.md): comm target `jupyter.widget` with the
whole state in the comm's first message; `update` both ways; `request_state`; `custom` both ways.
A reloaded page asks for every model at once over `jupyter.widget.control`: answered here, or,
once ipywidgets is imported, by ipywidgets, whose registry then holds these models too.
"""

from __future__ import annotations

import sys
import uuid
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, Callable, ClassVar, Iterable, Iterator

import comm
import traitlets

PROTOCOL_VERSION = "2.1.0"
WIDGET_TARGET = "jupyter.widget"
CONTROL_TARGET = "jupyter.widget.control"
VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"

MessageCallback = Callable[[Any, Any, list[bytes]], None]

_LIVE: dict[str, WidgetModel] = {}  # model id -> model, until closed (as ipywidgets keeps its own)


class WidgetModel(traitlets.HasTraits):
    """A widget whose `sync=True` traits are its state in the page and whose browser code is
    the ES module `esm` (with the style sheet `css`), as an anywidget's would be.

    The part of ipywidgets' `Widget` API kwis uses: `model_id`, `get_state()`, `hold_sync()`,
    `send_state()`, `send()`, `on_msg()`, `close()` and the display bundle."""

    esm: ClassVar[Path]
    css: ClassVar[Path | str] = ""

    # What ipywidgets' registry and reload handler read of a model.
    _model_name = "AnyModel"
    _model_module = "anywidget"
    # Before the comm opens (a subclass builds its state first, so the page gets it whole in
    # the comm's first message), changes are only kept.
    comm: Any = None
    _held: set[str] | None = None

    def __init__(self, dom_classes: Iterable[str] = (), **traits: Any) -> None:
        super().__init__(**traits)
        self.dom_classes = tuple(dom_classes)
        self.model_id = uuid.uuid4().hex
        self._callbacks: list[MessageCallback] = []
        self._from_page: dict[str, Any] = {}
        self.observe(self._changed, names=self.sync_names())
        _enable_colab_widgets()
        self.comm = comm.create_comm(
            target_name=WIDGET_TARGET, comm_id=self.model_id, metadata={"version": PROTOCOL_VERSION},
            data={"state": self.get_state(), "buffer_paths": []})
        self.comm.on_msg(self._handle_msg)
        _LIVE[self.model_id] = self
        _serve_reloads()

    @property
    def _model_module_version(self) -> str:
        return anywidget_version()

    @classmethod
    def sync_names(cls) -> list[str]:
        return sorted(cls.class_trait_names(sync=True))

    # -- state ----------------------------------------------------------------------------

    def get_state(self, key: str | Iterable[str] | None = None, drop_defaults: bool = False) -> dict[str, Any]:
        """The state the page gets: every synced trait (or `key`s), with the protocol's own
        keys when the whole state is asked for."""
        del drop_defaults  # the page gets every key either way
        names = self.sync_names() if key is None else [key] if isinstance(key, str) else list(key)
        state = {name: getattr(self, name) for name in names}
        if key is None:
            state.update(self._protocol_state())
        return state

    def _protocol_state(self) -> dict[str, Any]:
        version = anywidget_version()
        cls = type(self)
        return {
            "_model_name": self._model_name, "_model_module": self._model_module,
            "_model_module_version": version,
            "_view_name": "AnyView", "_view_module": "anywidget", "_view_module_version": version,
            "_view_count": None, "_dom_classes": list(self.dom_classes), "tabbable": None, "tooltip": None,
            "_esm": _text(cls.esm), "_css": _text(cls.css) if isinstance(cls.css, Path) else cls.css,
            "_anywidget_id": f"{cls.__module__}.{cls.__qualname__}",
        }

    def _get_embed_state(self, drop_defaults: bool = False) -> dict[str, Any]:
        """As ipywidgets' registry gives a model, to a reloaded page and to widget embedding."""
        return {"model_name": self._model_name, "model_module": self._model_module,
                "model_module_version": anywidget_version(), "state": self.get_state(drop_defaults=drop_defaults)}

    @contextmanager
    def hold_sync(self) -> Iterator[None]:
        """Changes inside go to the page as one update when the outermost block ends."""
        if self._held is not None:
            yield
            return
        self._held = set()
        try:
            yield
        finally:
            names, self._held = self._held, None
            if names:
                self.send_state(sorted(names))

    def send_state(self, key: str | Iterable[str] | None = None) -> None:
        state = self.get_state(self.sync_names() if key is None else key)
        self._publish({"method": "update", "state": state, "buffer_paths": []})

    def _changed(self, change: dict[str, Any]) -> None:
        name = change["name"]
        if name in self._from_page and self._from_page[name] == change["new"]:
            return  # the page's own change, not sent back
        if self._held is not None:
            self._held.add(name)
        else:
            self.send_state(name)

    # -- messages ---------------------------------------------------------------------------

    def send(self, content: Any, buffers: list[bytes] | None = None) -> None:
        """A custom message to the browser code (`model.on("msg:custom", ...)`)."""
        self._publish({"method": "custom", "content": content}, buffers)

    def on_msg(self, callback: MessageCallback, remove: bool = False) -> None:
        """`callback(model, content, buffers)` for each custom message from the browser code."""
        if remove:
            self._callbacks.remove(callback)
        else:
            self._callbacks.append(callback)

    def _handle_custom_msg(self, content: Any, buffers: list[bytes]) -> None:
        for callback in list(self._callbacks):
            callback(self, content, buffers)

    def _handle_msg(self, msg: dict[str, Any]) -> None:
        data = msg.get("content", {}).get("data", {})
        method = data.get("method") if isinstance(data, dict) else None
        if method == "custom":
            self._handle_custom_msg(data.get("content"), list(msg.get("buffers") or []))
        elif method == "request_state":  # a page that missed the comm's opening: the whole state
            self._publish({"method": "update", "state": self.get_state(), "buffer_paths": []})
        elif method == "update" and isinstance(data.get("state"), dict):
            self._take_from_page(data["state"])

    def _take_from_page(self, state: dict[str, Any]) -> None:
        names = set(self.sync_names())
        for name, value in state.items():
            if name in names:
                self._from_page[name] = value
                try:
                    setattr(self, name, value)
                except traitlets.TraitError:
                    pass  # not a value this trait takes: the kernel's state stands
                finally:
                    del self._from_page[name]

    def _publish(self, data: dict[str, Any], buffers: list[bytes] | None = None) -> None:
        if self.comm is not None:
            self.comm.send(data, buffers=buffers)

    def close(self) -> None:
        """Closes the comm: the page's views of this model go away."""
        _LIVE.pop(self.model_id, None)
        registry = _ipywidgets_registry()
        if registry is not None:
            registry.pop(self.model_id, None)
        if self.comm is not None:
            self.comm.close()
            self.comm = None

    # -- display ----------------------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
        view = {"version_major": 2, "version_minor": 0, "model_id": self.model_id}
        return {"text/plain": f"{type(self).__name__}()", VIEW_MIMETYPE: view}, {}

    def __repr__(self) -> str:
        return object.__repr__(self)


def live_models() -> tuple[WidgetModel, ...]:
    """Every model not closed, oldest first."""
    return tuple(_LIVE.values())


@cache
def anywidget_version() -> str:
    """The module version the page's anywidget frontend is asked for, as anywidget's own
    Python side gives it: `~0.11.*` for 0.11.0, a pre-release as it is."""
    from importlib.metadata import version

    parts = version("anywidget").split(".", maxsplit=2)
    if len(parts) == 3 and ("a" in parts[2] or "b" in parts[2]):
        return ".".join(parts)
    return f"~{parts[0]}.{parts[1]}.*"


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# -- a reloaded page ------------------------------------------------------------------------


def _serve_reloads() -> None:
    """Answers a reloaded page's `request_states`, and puts these models in ipywidgets'
    registry when ipywidgets is (or, checked after every cell, gets) imported: its handler of
    the same request then answers for them too."""
    manager = comm.get_comm_manager()
    if CONTROL_TARGET not in getattr(manager, "targets", {CONTROL_TARGET: None}):
        manager.register_target(CONTROL_TARGET, _control_opened)
    _join_ipywidgets()
    _after_each_cell(_join_ipywidgets)


def _control_opened(control: Any, _msg: dict[str, Any]) -> None:
    def answer(msg: dict[str, Any]) -> None:
        data = msg.get("content", {}).get("data", {})
        if isinstance(data, dict) and data.get("method") == "request_states":
            states = {model_id: model._get_embed_state() for model_id, model in _LIVE.items()}
            registry = _ipywidgets_registry() or {}
            states.update({model_id: widget._get_embed_state() for model_id, widget in registry.items()
                           if model_id not in states})
            control.send({"method": "update_states", "states": states, "buffer_paths": []})

    control.on_msg(answer)


def _ipywidgets_registry() -> dict[str, Any] | None:
    module = sys.modules.get("ipywidgets.widgets.widget")
    registry = getattr(module, "_instances", None)
    return registry if isinstance(registry, dict) else None


def _join_ipywidgets(*_args: Any) -> None:
    registry = _ipywidgets_registry()
    if registry is not None:
        registry.update(_LIVE)


_REGISTERED: set[str] = set()


def _after_each_cell(callback: Callable[..., None]) -> None:
    if callback.__name__ in _REGISTERED or "IPython" not in sys.modules:
        return
    shell = sys.modules["IPython"].get_ipython()
    if shell is not None:
        shell.events.register("post_run_cell", callback)
        _REGISTERED.add(callback.__name__)


def _enable_colab_widgets() -> None:
    """Colab draws third-party widgets only once its custom widget manager is on (as
    anywidget does it)."""
    if "google.colab" in sys.modules and "colab" not in _REGISTERED:
        from google.colab import output  # type: ignore[import-not-found]

        output.enable_custom_widget_manager()
        _REGISTERED.add("colab")
