"use strict";
(function () {
  const list = document.getElementById("findings");
  const items = Array.from(list.querySelectorAll("li.finding"));
  const boxes = Array.from(document.querySelectorAll("#filters input[data-kind]"));
  const only = document.getElementById("only-findings");
  const shown = document.getElementById("shown");
  const beads = Array.from(document.querySelectorAll("#beads .bead"));
  let current = -1;

  function visible() { return items.filter((li) => !li.hidden); }

  function apply() {
    const on = new Set(boxes.filter((b) => b.checked).map((b) => b.dataset.kind));
    for (const li of items) li.hidden = !on.has(li.dataset.kind);
    for (const li of document.querySelectorAll(".notes li")) li.hidden = !on.has(li.dataset.kind);
    for (const row of beads) {
      const kinds = (row.dataset.kinds || "").split(" ").filter(Boolean);
      row.hidden = only.checked && !kinds.some((k) => on.has(k));
    }
    const n = visible().length;
    shown.textContent = n + " of " + items.length + " findings shown";
    if (current >= 0 && items[current].hidden) select(-1);
  }

  function select(index) {
    if (current >= 0) {
      items[current].setAttribute("aria-current", "false");
      const old = document.getElementById("b-" + items[current].dataset.bead);
      if (old) old.classList.remove("current");
    }
    current = index;
    if (index < 0) return;
    const li = items[index];
    li.setAttribute("aria-current", "true");
    li.scrollIntoView({ block: "nearest" });
    const row = document.getElementById("b-" + li.dataset.bead);
    if (row) {
      row.hidden = false;
      row.classList.add("current");
      row.scrollIntoView({ block: "center" });
    }
    document.getElementById("position").textContent =
      "finding " + (visible().indexOf(li) + 1) + " of " + visible().length;
  }

  function step(delta) {
    const vis = visible();
    if (!vis.length) return;
    const at = current >= 0 ? vis.indexOf(items[current]) : -1;
    let next = at < 0 ? (delta > 0 ? 0 : vis.length - 1) : at + delta;
    next = (next + vis.length) % vis.length;
    select(items.indexOf(vis[next]));
  }

  for (const b of boxes) b.addEventListener("change", apply);
  only.addEventListener("change", apply);
  list.addEventListener("click", (e) => {
    const li = e.target.closest("li.finding");
    if (li) { e.preventDefault(); select(items.indexOf(li)); }
  });
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" && e.target.type !== "checkbox") return;
    if (e.key === "n" || e.key === "j") { step(1); e.preventDefault(); }
    else if (e.key === "p" || e.key === "k") { step(-1); e.preventDefault(); }
    else if (e.key === "Escape") { select(-1); document.getElementById("position").textContent = ""; }
  });
  apply();
})();
