// kwis: the whole quiz drawn from one widget model (see _widget.py, class Quiz).
//
// The model's traits hold the frame (header, progress, score, navigation, saving, summary) and
// `items`, the shown questions, each {i, id, spec, live}: spec is what to draw (never the answer
// key), live what changes (value, feedback, hint, marks, disabled). Values count in shown
// positions (the k-th option shown, the order as positions in the starting order). Answers and button presses
// go to the kernel as custom messages; the kernel grades and sends back one question's new live
// state as a custom message {kind: "live", i, id, live}. In practice the page, once drawn, says
// {kind: "ready"}, and the kernel sends {kind: "instant", i, id, tail, table} for the shown
// choice, true/false and small multiple questions: the feedback state of every possible answer,
// shown at once on Check before the kernel's own answer arrives (never in an exam).

const FREE_KEYS = new Set(["Tab", "Escape"]);
const CONTROLS = "input, select, button, textarea";
// Radio buttons, checkboxes, dropdowns and buttons leave the notebook in command mode, where
// JupyterLab binds bare keys (arrows move to another cell, D D deletes it). Notebook 7 handles
// shortcuts in the capture phase, so for those the key is also stopped at the window.
const COMMAND_MODE_CONTROLS = "input[type=radio], input[type=checkbox], select, button";
const FRAME = ["header", "progress_done", "progress_total", "progress_text", "score", "position",
  "prev_disabled", "next_disabled", "save_status", "save_retry", "submit_disabled",
  "retake_shown", "summary", "frame_shown"];
// A scroll quiz draws its first FIRST_SLICE questions at once, the rest in slices of SLICE_MS.
const FIRST_SLICE = 8;
const SLICE_MS = 12;
let serial = 0;

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key === "html") el.innerHTML = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) el.append(child);
  return el;
}

function button(css, text, sign, onclick, title) {
  const el = h("button", { type: "button", class: `kwis-button ${css}`, title },
    sign ? h("span", { class: "kwis-sign", "aria-hidden": "true", text: sign }) : null,
    h("span", { text }));
  el.addEventListener("click", onclick);
  return el;
}

function keepForControl(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || FREE_KEYS.has(event.key)) return;
  if (event.target instanceof Element && event.target.closest(CONTROLS)) event.stopPropagation();
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function select(id, options, value) {
  const el = h("select", { id }, h("option", { value: "", text: "" }),
    ...options.map((text) => h("option", { value: text, text })));
  el.value = options.includes(value) ? value : "";
  return el;
}

// -- one control per question type: {el, read(), write(value), disable(flag), targets()} ------

function choiceControl(spec, q) {
  const group = h("div", { class: "kwis-control kwis-choices", role: "radiogroup",
    "aria-labelledby": q.promptId });
  const radios = spec.options.map((label, value) => {
    const input = h("input", { type: "radio", name: `${q.uid}-choice`, value: String(value) });
    input.addEventListener("change", () => q.send(value));
    group.append(h("label", { class: "kwis-option" }, input, h("span", { text: label })));
    return [input, value];
  });
  return {
    el: group,
    read: () => { const hit = radios.find(([input]) => input.checked); return hit ? hit[1] : null; },
    write: (value) => { for (const [input, v] of radios) input.checked = v === value; },
    disable: (flag) => { for (const [input] of radios) input.disabled = flag; },
    targets: () => [],
  };
}

function multipleControl(spec, q) {
  const box = h("div", { class: "kwis-control kwis-checks", role: "group",
    "aria-labelledby": q.promptId });
  const labels = [];
  const boxes = spec.options.map((label, value) => {
    const input = h("input", { type: "checkbox", value: String(value) });
    const row = h("label", { class: "kwis-option kwis-checkbox" }, input, h("span", { text: label }));
    labels.push(row);
    box.append(row);
    return [input, value];
  });
  const read = () => boxes.filter(([input]) => input.checked).map(([, v]) => v).sort((a, b) => a - b);
  for (const [input] of boxes) input.addEventListener("change", () => q.send(read()));
  return {
    el: box, read,
    write: (value) => { for (const [input, v] of boxes) input.checked = (value || []).includes(v); },
    disable: (flag) => { for (const [input] of boxes) input.disabled = flag; },
    targets: () => labels,
  };
}

function trueFalseControl(spec, q) {
  const row = h("div", { class: "kwis-control kwis-toggles", role: "group",
    "aria-labelledby": q.promptId });
  let chosen = null;
  const buttons = spec.options.map(([label, value]) => {
    const el = h("button", { type: "button", class: "kwis-toggle", "aria-pressed": "false", text: label });
    el.addEventListener("click", () => { write(value); q.send(value); });
    row.append(el);
    return [el, value];
  });
  const write = (value) => {
    chosen = value;
    for (const [el, v] of buttons) el.setAttribute("aria-pressed", String(v === value));
  };
  return {
    el: row, read: () => chosen, write,
    disable: (flag) => { for (const [el] of buttons) el.disabled = flag; },
    targets: () => [],
  };
}

function textControl(spec, q) {
  const id = `${q.uid}-text`;
  const input = h("input", { type: "text", id, placeholder: spec.placeholder, autocomplete: "off" });
  // Sent when the student leaves the field or presses Enter (Check sends the field's value too).
  input.addEventListener("change", () => q.send(input.value));
  const el = h("div", { class: "kwis-control kwis-text-answer" },
    h("label", { class: "kwis-label", for: id, text: spec.label }), input,
    spec.unit ? h("span", { class: "kwis-unit", text: spec.unit }) : null);
  return {
    el, read: () => input.value,
    write: (value) => { input.value = value ?? ""; },
    disable: (flag) => { input.disabled = flag; },
    targets: () => [],
  };
}

function clozeControl(spec, q) {
  const el = h("div", { class: "kwis-control kwis-cloze-text" });
  const gaps = [];
  const fields = [];
  for (const piece of spec.pieces) {
    if (typeof piece === "string") {
      el.append(h("span", { class: "kwis-passage", html: piece }));
      continue;
    }
    const id = `${q.uid}-gap-${fields.length + 1}`;
    const field = piece.options.length ? select(id, piece.options, "")
      : h("input", { type: "text", id, autocomplete: "off" });
    field.addEventListener("change", () => q.send(read()));
    const gap = h("span", { class: "kwis-gap" },
      h("label", { for: id, class: "kwis-gap-label", text: piece.label }), field);
    fields.push(field);
    gaps.push(gap);
    el.append(gap);
  }
  const read = () => fields.map((field) => field.value);
  return {
    el, read,
    write: (value) => fields.forEach((field, k) => {
      const text = (value || [])[k] ?? "";
      field.value = field.tagName === "SELECT" && ![...field.options].some((o) => o.value === text) ? "" : text;
    }),
    disable: (flag) => { for (const field of fields) field.disabled = flag; },
    targets: () => gaps,
  };
}

function orderControl(spec, q) {
  const list = h("div", { class: "kwis-control kwis-order", role: "list", "aria-labelledby": q.promptId });
  let order = [];
  let frozen = false;
  let rows = [];
  const draw = () => {
    rows = order.map((item, position) => {
      const [html, upName, downName] = spec.items[item];
      const up = button("kwis-move-up", spec.up, "↑", () => move(position, -1), upName);
      const down = button("kwis-move-down", spec.down, "↓", () => move(position, 1), downName);
      up.setAttribute("aria-label", upName);
      down.setAttribute("aria-label", downName);
      up.disabled = frozen || position === 0;
      down.disabled = frozen || position === order.length - 1;
      return h("div", { class: "kwis-order-item", role: "listitem" }, up, down,
        h("span", { class: "kwis-order-label", html: `${position + 1}. ${html}` }));
    });
    list.replaceChildren(...rows);
    q.remark();
  };
  const move = (position, step) => {
    const target = position + step;
    if (frozen || target < 0 || target >= order.length) return;
    [order[position], order[target]] = [order[target], order[position]];
    draw();
    // The focus goes with the moved item: the button pressed, or at the top or bottom, where
    // that one is disabled, its other one.
    const [pressed, other] = step < 0 ? [".kwis-move-up", ".kwis-move-down"] : [".kwis-move-down", ".kwis-move-up"];
    const row = rows[target];
    const focus = row.querySelector(pressed);
    (focus.disabled ? row.querySelector(other) : focus).focus();
    q.send(order.slice());
  };
  return {
    el: list, read: () => order.slice(),
    write: (value) => { order = (value || []).slice(); draw(); },
    disable: (flag) => { if (flag !== frozen) { frozen = flag; draw(); } },
    targets: () => rows,
  };
}

function matchControl(spec, q) {
  const el = h("div", { class: "kwis-control kwis-match" });
  const pairs = [];
  const fields = spec.rows.map((left, k) => {
    const id = `${q.uid}-pair-${k + 1}`;
    const field = select(id, spec.options, "");
    field.addEventListener("change", () => q.send(read()));
    const pair = h("div", { class: "kwis-pair" }, h("label", { for: id, class: "kwis-pair-label", text: left }), field);
    pairs.push(pair);
    el.append(pair);
    return field;
  });
  const read = () => fields.map((field) => field.value);
  return {
    el, read,
    write: (value) => fields.forEach((field, k) => {
      const text = (value || [])[k] ?? "";
      field.value = spec.options.includes(text) ? text : "";
    }),
    disable: (flag) => { for (const field of fields) field.disabled = flag; },
    targets: () => pairs,
  };
}

const MAKERS = {
  choice: choiceControl, multiple: multipleControl, "true-false": trueFalseControl,
  numeric: textControl, text: textControl, cloze: clozeControl, order: orderControl,
  match: matchControl,
};

// -- a question --------------------------------------------------------------------------------

function drawQuestion(entry, ctx) {
  const { spec } = entry;
  const uid = `${ctx.uid}-q${entry.i}`;
  const promptId = `${uid}-prompt`;
  const node = h("div", { class: `kwis-question kwis-q-${spec.type} ${spec.name}`,
    role: "group", "aria-labelledby": promptId });
  const prompt = h("div", { class: "kwis-prompt", id: promptId, html: spec.prompt });
  let marks = [];
  let control = null;
  const remark = () => (control ? control.targets() : []).forEach((target, k) => {
    target.classList.toggle("kwis-part-right", marks[k] === "right");
    target.classList.toggle("kwis-part-wrong", marks[k] === "wrong");
  });
  const q = {
    uid, promptId, remark,
    send: (value) => {
      entry.live.value = value;  // this page's copy, for a later redraw
      ctx.post({ kind: "answer", i: entry.i, id: entry.id, value, seq: nextSeq(ctx.model, entry) });
    },
  };
  control = MAKERS[spec.type](spec.control, q);
  const buttons = [];
  if (spec.check) {
    buttons.push(button("kwis-check", ctx.words.check, "✓", () => {
      const value = control.read();
      entry.live.value = value;
      // Practice, few possible answers: the kernel sent this question's feedback for each of
      // them (graded as a Check grades); show it now, and send the Check once the click is done
      // (writing the message is not the click's work). The kernel still grades and records the
      // Check, and its answer, which follows, replaces this.
      const instant = ctx.instant.get(`${entry.i}:${entry.id}`);
      const hit = instant && !shown.disabled ? instant.table[JSON.stringify(value)] : undefined;
      if (hit) update({ ...entry.live, value, feedback: hit[0] + instant.tail, marks: hit[1] });
      ctx.post({ kind: "check", i: entry.i, id: entry.id, value, seq: nextSeq(ctx.model, entry) },
        { afterClick: Boolean(hit) });
    }));
  }
  if (spec.hint) {
    buttons.push(button("kwis-hint", ctx.words.hint, null,
      () => ctx.post({ kind: "hint", i: entry.i, id: entry.id })));
  }
  const hint = h("div", { class: "kwis-hint-text", hidden: true });
  const feedback = h("div", { class: "kwis-feedback", hidden: true });
  node.append(prompt, control.el, buttons.length ? h("div", { class: "kwis-buttons" }, ...buttons) : null,
    hint, feedback);
  ctx.typeset(prompt);
  const shown = { value: undefined, hint: undefined, feedback: undefined, disabled: undefined };
  // `stale`: the kernel's state from before this page's latest answer (an instant verdict lets a
  // student change the answer before the Check's reply arrives); the answer on the page stays.
  const update = (live, stale = false) => {
    if (!stale && (shown.value === undefined || !same(live.value, control.read()))) control.write(live.value);
    shown.value = live.value;
    if (live.disabled !== shown.disabled) control.disable((shown.disabled = live.disabled));
    marks = live.marks || [];
    remark();
    for (const [part, el] of [["hint", hint], ["feedback", feedback]]) {
      if (live[part] === shown[part]) continue;
      shown[part] = live[part];
      el.innerHTML = live[part];
      el.hidden = !live[part];
      ctx.typeset(el);
    }
  };
  update(entry.live);
  return { node, update };
}

// -- the quiz ------------------------------------------------------------------------------------

// Every answer a page sends carries a number per question, counted per model (all its views);
// the kernel's state names the last one it has taken in.
const SENT = new WeakMap();  // model -> Map(`${i}:${id}` -> last number sent)

function nextSeq(model, entry) {
  if (!SENT.has(model)) SENT.set(model, new Map());
  const sent = SENT.get(model);
  const seq = (sent.get(`${entry.i}:${entry.id}`) || 0) + 1;
  sent.set(`${entry.i}:${entry.id}`, seq);
  return seq;
}

function isStale(model, msg) {
  const sent = SENT.get(model)?.get(`${msg.i}:${msg.id}`) || 0;
  return typeof msg.seq === "number" && msg.seq < sent;
}

function initialize({ model }) {
  // The model's own copy of a question's state, whether or not a view shows it now.
  model.on("msg:custom", (msg) => {
    if (msg.kind !== "live") return;
    const entry = model.get("items").find((e) => e.i === msg.i && e.id === msg.id);
    if (entry) entry.live = isStale(model, msg) ? { ...msg.live, value: entry.live.value } : msg.live;
  });
}

function render({ model, el }) {
  const setup = model.get("setup");
  const words = setup.words;
  const uid = `kwis-${++serial}`;
  const typesetter = model.widget_manager?.rendermime?.latexTypesetter;
  // What the page sends, in the order it happened: a message sent "after the click" goes out in
  // the next task, and anything sent before then waits behind it, so the kernel still gets every
  // message in order (an `answer` can never overtake the `check` before it).
  const outbox = [];
  let later = null;
  const flush = () => {
    clearTimeout(later);
    later = null;
    for (const msg of outbox.splice(0)) model.send(msg);
  };
  const post = (msg, { afterClick = false } = {}) => {
    outbox.push(msg);
    if (!afterClick) flush();
    else if (later === null) later = setTimeout(flush, 0);
  };
  const ctx = {
    uid, model, words, post,
    instant: new Map(),  // `${i}:${id}` -> {tail, table} (practice only; see drawQuestion)
    typeset: (node) => {
      if (typesetter && /\$|\\\(|\\\[/.test(node.textContent)) typesetter.typeset(node);
    },
  };
  el.setAttribute("lang", setup.lang);

  const header = h("div", { class: "kwis-header" });
  const progressText = h("span", { class: "kwis-progress-text", id: `${uid}-progress` });
  const bar = h("progress", { class: "kwis-progress-bar", "aria-labelledby": `${uid}-progress` });
  const progress = h("div", { class: "kwis-progress" }, bar, progressText);
  const score = h("div", { class: "kwis-score" });
  const page = h("div", { class: "kwis-page" });
  let pressed = null;
  const step = (by, which) => { pressed = which(); post({ kind: "step", step: by }); };
  const prev = button("kwis-prev", words.prev, "←", () => step(-1, () => prev));
  const next = button("kwis-next", words.next, "→", () => step(1, () => next));
  const position = h("span", { class: "kwis-position" });
  const nav = setup.paged ? h("div", { class: "kwis-nav" }, prev, position, next) : null;
  const saveStatus = h("div", { class: "kwis-save-status" });
  const retry = button("kwis-retry-save", words.save_again, null, () => post({ kind: "retry" }));
  const saving = h("div", { class: "kwis-saving" }, saveStatus, retry);
  const exam = setup.mode === "exam";
  const submit = exam ? button("kwis-submit", words.submit, null, () => post({ kind: "submit" })) : null;
  const summary = h("div", { class: "kwis-summary" });
  const retake = exam ? button("kwis-retake", words.retake, "↻", () => post({ kind: "retake" }),
    words.retake_tooltip) : null;
  const body = [progress, score, page, nav, saving, submit, summary, retake].filter((x) => x);
  el.replaceChildren(header, ...body);

  const last = {};
  const changed = (key) => { const value = model.get(key); const was = last[key]; last[key] = value; return value !== was; };
  const drawFrame = () => {
    if (changed("header")) { header.innerHTML = last.header; ctx.typeset(header); }
    bar.max = model.get("progress_total");
    bar.value = model.get("progress_done");
    progressText.textContent = model.get("progress_text");
    score.textContent = model.get("score");
    position.textContent = model.get("position");
    prev.disabled = model.get("prev_disabled");
    next.disabled = model.get("next_disabled");
    if (pressed && pressed.disabled) {  // Next ran out: the focus moves to Previous, not away
      const other = pressed === prev ? next : prev;
      if (!other.disabled) other.focus();
    }
    pressed = null;
    if (changed("save_status")) saveStatus.innerHTML = last.save_status;
    saving.hidden = !last.save_status && !model.get("save_retry");
    retry.hidden = !model.get("save_retry");
    if (submit) submit.disabled = model.get("submit_disabled");
    if (changed("summary")) { summary.innerHTML = last.summary; summary.hidden = !last.summary; ctx.typeset(summary); }
    if (retake) retake.hidden = !model.get("retake_shown");
    const frame = model.get("frame_shown");
    for (const part of body) if (part !== saving && part !== summary && part !== retake) part.hidden = !frame;
  };

  let shown = new Map();
  let pending = null;  // the animation frame of the current draw's next slice
  const key = (entry) => `${entry.i}:${entry.id}`;
  // A long scroll quiz is drawn in slices, in order: the first FIRST_SLICE questions at once
  // (more than a screen holds), so the first is answerable as soon as they are in, then one
  // slice of about SLICE_MS per animation frame, between which the browser paints and takes
  // the student's input. A question not drawn yet draws from its entry in `items`, which
  // `initialize` keeps up to date with the kernel's messages.
  const drawItems = () => {
    cancelAnimationFrame(pending);  // a redraw: the earlier draw's slices are not appended any more
    const drawn = new Map();
    shown = drawn;
    // A long redraw (Submit, a new attempt) keeps the page's height until it is all drawn
    // again, so the page does not scroll away from where the student is (the summary, say).
    if (model.get("items").length > FIRST_SLICE && page.childElementCount) {
      page.style.minHeight = `${page.offsetHeight}px`;
    }
    page.replaceChildren();
    let next = 0;
    const slice = (full) => {
      // The model's items as they are now: an update equal to the last one fires no
      // change:items but replaces the array, whose entries `initialize` keeps up to date.
      const items = model.get("items");
      const nodes = [];
      const start = performance.now();
      // A hidden page gets no animation frames: it draws the rest at once.
      while (next < items.length && (document.hidden || !full(nodes.length, performance.now() - start))) {
        const entry = items[next++];
        const q = drawQuestion(entry, ctx);
        drawn.set(key(entry), q);
        nodes.push(q.node);
      }
      page.append(...nodes);
      if (next < items.length) {
        pending = requestAnimationFrame(() => slice((count, ms) => count > 0 && ms >= SLICE_MS));
        page.setAttribute("aria-busy", "true");  // assistive technology (and the tests) wait
      } else {
        pending = null;
        page.removeAttribute("aria-busy");
        page.style.minHeight = "";
      }
    };
    slice((count) => count >= FIRST_SLICE);
    // Practice: now the kernel may send the instant-feedback tables. After the first slice,
    // not the last: the kernel builds them (about 0.4 s for 500 questions) while the page draws
    // the rest and the student reads the first question. Measured on 500 questions, a Check half
    // a second after the first question showed gets its verdict in 2-6 ms (75-125 ms when sent
    // after the last slice, through the kernel); the whole draw takes about a quarter longer.
    if (setup.mode === "practice") post({ kind: "ready" });
  };
  const onMessage = (msg) => {
    if (msg.kind === "live") shown.get(key(msg))?.update(msg.live, isStale(model, msg));
    else if (msg.kind === "instant") ctx.instant.set(key(msg), msg);
  };

  drawFrame();
  drawItems();
  for (const name of FRAME) model.on(`change:${name}`, drawFrame);
  model.on("change:items", drawItems);
  model.on("msg:custom", onMessage);

  const keepBeforeApp = (event) => {
    if (el.contains(event.target) && event.target.closest(COMMAND_MODE_CONTROLS)) keepForControl(event);
  };
  el.addEventListener("keydown", keepForControl);
  window.addEventListener("keydown", keepBeforeApp, true);
  return () => {
    cancelAnimationFrame(pending);
    flush();  // a view taken away still sends what the student did
    el.removeEventListener("keydown", keepForControl);
    window.removeEventListener("keydown", keepBeforeApp, true);
  };
}

export default { initialize, render };
