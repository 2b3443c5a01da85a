// kwis: a quiz's progress, score and summary shown once more (a notebook's "Your result" cell),
// drawn from the quiz's own model: it follows the quiz without a model of its own per part.
async function render({ model, el }) {
  const id = String(model.get("quiz_model")).replace(/^IPY_MODEL_/, "");
  const quiz = await model.widget_manager.get_model(id);
  const progress = document.createElement("div");
  const score = document.createElement("div");
  const summary = document.createElement("div");
  progress.className = "kwis-progress-text";
  score.className = "kwis-score";
  summary.className = "kwis-summary";
  el.setAttribute("lang", quiz.get("setup").lang);
  el.replaceChildren(progress, score, summary);
  const draw = () => {
    progress.textContent = quiz.get("progress_text");
    score.textContent = quiz.get("score");
    summary.innerHTML = quiz.get("summary");
    summary.hidden = !quiz.get("summary");
  };
  draw();
  quiz.on("change:progress_text change:score change:summary", draw);
  return () => quiz.off("change:progress_text change:score change:summary", draw);
}

export default { render };
