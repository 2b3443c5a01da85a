// Says what ipywidgets' controls leave unsaid to a screen reader (see _aria.py), and keeps
// saying it as the quiz's DOM changes: icons hidden from accessible names, the pressed state of
// toggle buttons, one named group (one Tab stop, arrows inside) per radio list, the order
// buttons named by the item they move, and the quiz's language on its root.
const WATCHED = ["class", "title"];
let groups = 0;

function enhance(root, lang) {
  if (lang) root.setAttribute("lang", lang);
  for (const icon of root.querySelectorAll("button i.fa")) icon.setAttribute("aria-hidden", "true");
  for (const toggle of root.querySelectorAll("button.widget-toggle-button")) {
    toggle.setAttribute("aria-pressed", String(toggle.classList.contains("mod-active")));
  }
  for (const box of root.querySelectorAll(".widget-radio-box")) {
    box.dataset.kwisGroup ||= `kwis-radio-${++groups}`;
    box.setAttribute("role", "radiogroup");
    for (const radio of box.querySelectorAll("input[type=radio]")) radio.name = box.dataset.kwisGroup;
  }
  for (const button of root.querySelectorAll("button.kwis-move-up, button.kwis-move-down")) {
    if (button.title) button.setAttribute("aria-label", button.title);
  }
}

function render({ model, el }) {
  let root = null;
  let observer = null;
  let tries = 0;
  const apply = () => root !== null && enhance(root, model.get("lang"));
  // A scroll quiz's views arrive one by one, each a mutation: one pass over the quiz per frame
  // (before it is painted), not one per mutation, which grew with the square of the questions.
  let pending = 0;
  const applySoon = () => { pending ||= requestAnimationFrame(() => { pending = 0; apply(); }); };
  const attach = () => {
    root = el.closest(".kwis-quiz");
    if (root === null) {
      if (++tries < 100) setTimeout(attach, 50);  // the view is rendered before it is placed
      return;
    }
    apply();
    observer = new MutationObserver(applySoon);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: WATCHED });
  };
  model.on("change:lang", apply);
  attach();
  return () => { observer?.disconnect(); cancelAnimationFrame(pending); };
}

export default { render };
