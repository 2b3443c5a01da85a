const FREE_KEYS = new Set(["Tab", "Escape"]);
const CONTROLS = "input, select, button, textarea";

function keepForControl(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || FREE_KEYS.has(event.key)) return;
  if (event.target instanceof Element && event.target.closest(CONTROLS)) {
    event.stopPropagation();
  }
}

// Radio buttons, checkboxes, dropdowns and buttons leave the notebook in command mode. Notebook 7
// (unlike JupyterLab 4.1+) handles shortcuts in the capture phase, before any element in the
// page sees the key, so for them the key is also stopped at the window, earlier still.
const COMMAND_MODE_CONTROLS = "input[type=radio], input[type=checkbox], select, button";

function render({ el }) {
  let root = null;
  let tries = 0;
  const keepBeforeApp = (event) => {
    if (root !== null && root.contains(event.target) && event.target.closest(COMMAND_MODE_CONTROLS)) {
      keepForControl(event);
    }
  };
  const attach = () => {
    root = el.closest(".kwis-quiz");
    if (root !== null) {
      root.addEventListener("keydown", keepForControl);
      window.addEventListener("keydown", keepBeforeApp, true);
    } else if (++tries < 100) {
      setTimeout(attach, 50);  // the view is rendered before it is placed in the page
    }
  };
  attach();
  return () => {
    root?.removeEventListener("keydown", keepForControl);
    window.removeEventListener("keydown", keepBeforeApp, true);
  };
}

export default { render };
