/* paralign edit: the page. The server holds the alignment; this shows it and sends
   operations. Only the beads on screen are in the document (virtual scrolling). */
"use strict";
(() => {
  const token = document.querySelector('meta[name="paralign-token"]').content;
  const $ = (id) => document.getElementById(id);
  const scroller = $("scroller"), spacer = $("spacer"), rows = $("rows"), canvas = $("path");
  const BAND = ["#c62828", "#ef6c00", "#f9a825", "#7cb342", "#2e7d32"];
  const OK = "#1565c0";
  const DOUBTFUL = 0.5;

  let S = null;                 // the server's state
  let src = [], tgt = [];       // sentence texts
  let heights = [], offsets = [0];
  const measured = new Map();   // bead key → measured height
  let byBead = new Map();       // bead index → findings
  const cur = { bead: 0, side: "src", pos: 0 };
  let search = { term: "", hits: [], at: -1 };
  let queue = Promise.resolve();
  const storeKey = "paralign-edit:" + document.title;

  // ------------------------------------------------------------ server

  async function api(path, body) {
    const opts = { headers: { "X-Paralign-Token": token }, credentials: "same-origin" };
    if (body !== undefined) {
      opts.method = "POST";
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    const r = await fetch(path, opts);
    const data = await r.json();
    if (!r.ok) throw new Error(data.error || r.statusText);
    return data;
  }

  function send(path, body, after) {
    queue = queue.then(async () => {
      document.body.classList.add("busy");
      try {
        const data = await api(path, Object.assign({ version: S.version }, body || {}));
        setState(data);
        if (after) after(data);
      } catch (e) {
        say(e.message, true);
      } finally {
        document.body.classList.remove("busy");
      }
    });
    return queue;
  }

  let reviewTimer = null;
  function refreshFindings() {  // the review runs in the background on long documents
    queue = queue.then(() => api("/api/state?sentences=0").then(setState, (e) => say(e.message, true)));
  }

  const op = (name, args, after) => send("/api/op", { op: name, args: args || {} }, after);

  // ------------------------------------------------------------ state and layout

  function setState(data) {
    if (data.src) { src = data.src.sentences; tgt = data.tgt.sentences; }
    S = data;
    clearTimeout(reviewTimer);
    if (S.findings_pending) reviewTimer = setTimeout(refreshFindings, 1500);
    byBead = new Map();
    S.findings.forEach((f) => {
      if (f.bead === null || f.bead === undefined) return;
      if (!byBead.has(f.bead)) byBead.set(f.bead, []);
      byBead.get(f.bead).push(f);
    });
    layout();
    clampCursor();
    render();
    drawPath();
    showCounts();
    document.body.dataset.version = String(S.version);
    try { localStorage.setItem(storeKey, JSON.stringify(cur)); } catch (e) { /* private mode */ }
  }

  const ids = (k, side) => (side === "src" ? S.beads[k][0] : S.beads[k][1]);
  const confirmed = (k) => S.beads[k][3] === "confirmed";
  const band = (c) => Math.max(0, Math.min(4, Math.floor(c * 5)));
  const beadKey = (k) => {
    const b = S.beads[k];
    return b[0].join(",") + "|" + b[1].join(",") + "|" + (byBead.get(k) || []).length + "|" + scroller.clientWidth;
  };

  function estimate(k) {
    const width = Math.max(200, (scroller.clientWidth - 140) / 2);
    const perLine = Math.max(20, width / 7.2);
    let lines = 1;
    for (const side of ["src", "tgt"]) {
      const texts = side === "src" ? src : tgt;
      let n = 0;
      for (const i of ids(k, side)) n += Math.ceil((texts[i] || "").length / perLine) || 1;
      lines = Math.max(lines, n);
    }
    return 12 + lines * 19.6 + (byBead.get(k) || []).length * 20;
  }

  function layout() {
    const n = S.beads.length;
    heights = new Array(n);
    for (let k = 0; k < n; k++) heights[k] = measured.get(beadKey(k)) || estimate(k);
    sums();
  }

  function sums() {
    offsets = new Array(heights.length + 1);
    offsets[0] = 0;
    for (let k = 0; k < heights.length; k++) offsets[k + 1] = offsets[k] + heights[k];
    spacer.style.height = offsets[heights.length] + "px";
  }

  function beadAt(y) {  // the bead whose row holds the height y
    let lo = 0, hi = heights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid] <= y) lo = mid; else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  // ------------------------------------------------------------ rendering

  const esc = (t) => t.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

  function marked(text, words, term) {
    const ranges = [];
    for (const w of words) {
      if (!w) continue;
      let at = text.indexOf(w);
      while (at >= 0) { ranges.push([at, at + w.length, "hl"]); at = text.indexOf(w, at + w.length); }
    }
    if (term) {
      const low = text.toLowerCase();
      let at = low.indexOf(term);
      while (at >= 0) { ranges.push([at, at + term.length, "found"]); at = low.indexOf(term, at + term.length); }
    }
    if (!ranges.length) return esc(text);
    ranges.sort((a, b) => a[0] - b[0]);
    let out = "", pos = 0;
    for (const [a, b, cls] of ranges) {
      if (a < pos) continue;
      out += esc(text.slice(pos, a)) + '<mark class="' + cls + '">' + esc(text.slice(a, b)) + "</mark>";
      pos = b;
    }
    return out + esc(text.slice(pos));
  }

  function sideHtml(k, side, found) {
    const list = ids(k, side);
    if (!list.length) return '<div class="side ' + side + '"><span class="empty">(nothing)</span></div>';
    const texts = side === "src" ? src : tgt;
    const words = [];
    for (const f of found) for (const w of (f.words[side] || [])) words.push(w);
    let html = "";
    list.forEach((i, p) => {
      const at = k === cur.bead && side === cur.side && p === cur.pos ? " at" : "";
      html += '<span class="s' + at + '" data-side="' + side + '" data-p="' + p + '" data-i="' + i + '">' +
        marked(texts[i], words, search.term) + "</span>";
    });
    return '<div class="side ' + side + '">' + html + "</div>";
  }

  function rowHtml(k) {
    const b = S.beads[k];
    const found = byBead.get(k) || [];
    const cls = "bead c" + band(b[2]) + (confirmed(k) ? " ok" : "") + (k === cur.bead ? " cur" : "");
    const notes = found.length ? '<ul class="notes">' + found.map((f) =>
      '<li class="lvl-' + f.level + '"><span class="kind">' + esc(f.kind) + "</span>" + esc(f.explanation) + "</li>").join("") + "</ul>" : "";
    return '<div class="' + cls + '" data-k="' + k + '">' +
      '<div class="n"><b>' + (k + 1) + "</b> " + b[0].length + "-" + b[1].length +
      "<br>conf " + b[2].toFixed(2) + (confirmed(k) ? '<br><span class="st">✓ confirmed</span>' : "") + "</div>" +
      sideHtml(k, "src", found) + sideHtml(k, "tgt", found) + notes + "</div>";
  }

  function render() {
    if (!S) return;
    for (let pass = 0; pass < 3; pass++) {
      const top = scroller.scrollTop, view = scroller.clientHeight;
      const anchor = beadAt(top), anchorShift = offsets[anchor] - top;
      let html = "";
      for (let k = beadAt(Math.max(0, top - 200)); k < heights.length && offsets[k] < top + view + 200; k++) html += rowHtml(k);
      rows.innerHTML = html;
      for (const el of rows.children) el.style.top = offsets[+el.dataset.k] + "px";
      let changed = false;
      for (const el of rows.children) {
        const k = +el.dataset.k, h = el.offsetHeight;
        if (Math.abs(h - heights[k]) > 0.5) { heights[k] = h; changed = true; }
        measured.set(beadKey(k), h);
      }
      if (!changed) break;
      sums();
      if (anchor < heights.length) scroller.scrollTop = offsets[anchor] - anchorShift;
      for (const el of rows.children) el.style.top = offsets[+el.dataset.k] + "px";
    }
    drawView();
  }

  // ------------------------------------------------------------ the path picture

  const drawn = document.createElement("canvas");  // the path, drawn once per change
  let hasPath = false;

  function drawPath() {
    drawn.width = canvas.width;
    drawn.height = canvas.height;
    const ctx = drawn.getContext("2d");
    const W = canvas.width, H = canvas.height;
    const sx = W / Math.max(1, src.length), sy = H / Math.max(1, tgt.length);
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, W, H);
    ctx.strokeStyle = "#e0e0e0"; ctx.setLineDash([4, 4]);
    ctx.beginPath(); ctx.moveTo(0, 0); ctx.lineTo(W, H); ctx.stroke(); ctx.setLineDash([]);
    let i = 0, j = 0;
    S.beads.forEach((b, k) => {
      if (b[0].length) i = b[0][0];
      if (b[1].length) j = b[1][0];
      ctx.fillStyle = confirmed(k) ? OK : BAND[band(b[2])];
      const w = Math.max(1.5, b[0].length * sx), h = Math.max(1.5, b[1].length * sy);
      ctx.fillRect(i * sx, j * sy, b[0].length ? w : 1.5, b[1].length ? h : 1.5);
      if (byBead.has(k)) { ctx.strokeStyle = "#b71c1c"; ctx.strokeRect(i * sx - 2, j * sy - 2, 4 + w, 4 + h); }
    });
    hasPath = true;
    drawView();
  }

  function beadCorner(k) {
    let i = 0, j = 0;
    for (let q = k; q >= 0 && (i === 0 || j === 0); q--) {
      const b = S.beads[q];
      if (!i && b[0].length) i = b[0][0] + (q < k ? b[0].length : 0);
      if (!j && b[1].length) j = b[1][0] + (q < k ? b[1].length : 0);
    }
    return [i, j];
  }

  function drawView() {
    if (!hasPath || !S.beads.length) return;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(drawn, 0, 0);
    const sx = canvas.width / Math.max(1, src.length), sy = canvas.height / Math.max(1, tgt.length);
    const a = beadCorner(beadAt(scroller.scrollTop));
    const last = Math.min(S.beads.length - 1, beadAt(scroller.scrollTop + scroller.clientHeight));
    const z = beadCorner(last);
    ctx.strokeStyle = "#0d47a1"; ctx.lineWidth = 1.5;
    ctx.strokeRect(a[0] * sx - 3, a[1] * sy - 3, Math.max(6, (z[0] - a[0]) * sx + 6), Math.max(6, (z[1] - a[1]) * sy + 6));
    const c = beadCorner(cur.bead);
    ctx.fillStyle = "#e0b400"; ctx.beginPath(); ctx.arc(c[0] * sx, c[1] * sy, 4, 0, 2 * Math.PI); ctx.fill();
    ctx.lineWidth = 1;
  }

  canvas.addEventListener("click", (ev) => {
    const r = canvas.getBoundingClientRect();
    const x = (ev.clientX - r.left) / r.width * src.length, y = (ev.clientY - r.top) / r.height * tgt.length;
    let best = 0, dist = Infinity, i = 0, j = 0;
    S.beads.forEach((b, k) => {
      if (b[0].length) i = b[0][0];
      if (b[1].length) j = b[1][0];
      const d = Math.abs(i + b[0].length / 2 - x) + Math.abs(j + b[1].length / 2 - y);
      if (d < dist) { dist = d; best = k; }
    });
    go(best);
    scroller.focus();
  });

  // ------------------------------------------------------------ cursor

  function clampCursor() {
    const n = S.beads.length;
    cur.bead = Math.max(0, Math.min(n - 1, cur.bead));
    const len = ids(cur.bead, cur.side).length;
    cur.pos = Math.max(0, Math.min(Math.max(0, len - 1), cur.pos));
  }

  function go(k, pos) {
    cur.bead = k;
    cur.pos = pos || 0;
    clampCursor();
    const top = offsets[cur.bead], bottom = top + heights[cur.bead];
    if (top < scroller.scrollTop || bottom > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 3);
    }
    render();
    try { localStorage.setItem(storeKey, JSON.stringify(cur)); } catch (e) { /* private mode */ }
  }

  function next(test, from) {
    const n = S.beads.length;
    for (let step = 1; step <= n; step++) {
      const k = ((from === undefined ? cur.bead : from) + step) % n;
      if (test(k)) return k;
    }
    return -1;
  }

  // ------------------------------------------------------------ messages

  let timer = null;
  function say(text, error) {
    const m = $("message");
    m.textContent = text;
    m.className = "show" + (error ? " error" : "");
    clearTimeout(timer);
    timer = setTimeout(() => { m.className = error ? "error" : ""; }, error ? 6000 : 2500);
  }

  function showCounts() {
    const n = S.beads.length;
    $("counts").textContent = n + " beads · " + S.confirmed + " confirmed · " +
      (S.findings_pending ? "reviewing…" : S.findings.length + " findings");
    const saved = $("saved");
    saved.textContent = S.dirty ? "unsaved changes (kept in the journal)" : "saved";
    saved.className = S.dirty ? "dirty" : "";
  }

  // ------------------------------------------------------------ actions

  function askSplit() {
    const i = ids(cur.bead, cur.side)[cur.pos];
    if (i === undefined) { say("no sentence at the cursor", true); return; }
    const text = (cur.side === "src" ? src : tgt)[i];
    const box = $("ask"), input = $("ask-input");
    $("ask-label").textContent = "Split " + (cur.side === "src" ? "source" : "target") + " sentence " + (i + 1);
    input.value = text;
    box.hidden = false;
    input.focus();
    input.setSelectionRange(Math.floor(text.length / 2), Math.floor(text.length / 2));
    const done = (ev) => {
      if (ev.key !== "Enter" && ev.key !== "Escape") return;
      ev.preventDefault();
      ev.stopPropagation();
      input.removeEventListener("keydown", done);
      box.hidden = true;
      scroller.focus();
      if (ev.key === "Enter") op("split_sentence", { side: cur.side, sentence: i, at: input.selectionStart });
    };
    input.addEventListener("keydown", done);
  }

  const actions = {
    beadFirst: () => go(0),
    beadLast: () => go(S.beads.length - 1),
    beadUp: () => go(cur.bead - 1),
    beadDown: () => go(cur.bead + 1),
    sideSrc: () => { cur.side = "src"; go(cur.bead, cur.pos); },
    sideTgt: () => { cur.side = "tgt"; go(cur.bead, cur.pos); },
    sentPrev: () => go(cur.bead, cur.pos - 1),
    sentNext: () => go(cur.bead, cur.pos + 1),
    shiftUp: () => op("shift", { bead: cur.bead, side: cur.side, direction: "up" }),
    shiftDown: () => op("shift", { bead: cur.bead, side: cur.side, direction: "down" }),
    mergeNext: () => op("merge", { bead: cur.bead }),
    mergePrev: () => op("merge", { bead: cur.bead - 1 }, () => go(cur.bead - 1)),
    split: () => op("split_at", { bead: cur.bead, side: cur.side, position: cur.pos + 1 }),
    detach: () => {
      const len = ids(cur.bead, cur.side).length;
      if (len > 1 && cur.pos > 0 && cur.pos < len - 1) {
        say("only the first or last sentence of a bead can be made unaligned: move it to an end first", true);
        return;
      }
      const end = cur.pos === 0 && len > 1 ? "first" : "last";
      const k = cur.bead;
      op("detach", { bead: k, side: cur.side, end: end }, () => go(end === "first" ? k : k + 1));
    },
    attachUp: () => op("attach", { bead: cur.bead, direction: "up" }, () => go(cur.bead - 1)),
    attachDown: () => op("attach", { bead: cur.bead, direction: "down" }),
    splitSentence: askSplit,
    joinSentence: () => {
      const i = ids(cur.bead, cur.side)[cur.pos];
      if (i === undefined) { say("no sentence at the cursor", true); return; }
      op("join_sentences", { side: cur.side, sentence: i });
    },
    confirm: () => {
      const k = cur.bead, yes = !confirmed(k);
      op("confirm", { bead: k, confirmed: yes }, () => { if (yes && k + 1 < S.beads.length) go(k + 1); });
    },
    confirmAbove: () => op("confirm_through", { bead: cur.bead }),
    nextUnconfirmed: () => {
      const k = next((q) => !confirmed(q));
      if (k < 0) say("every bead is confirmed"); else go(k);
    },
    nextDoubtful: () => {
      let k = next((q) => !confirmed(q) && S.beads[q][2] < DOUBTFUL);
      if (k < 0) {
        let low = Infinity;
        S.beads.forEach((b, q) => { if (!confirmed(q) && b[2] < low) { low = b[2]; k = q; } });
      }
      if (k < 0) say("no unconfirmed bead left"); else go(k);
    },
    nextFinding: () => {
      const k = next((q) => byBead.has(q));
      if (k < 0) say("no findings"); else go(k);
    },
    undo: () => (S.can_undo ? op("undo") : say("nothing to undo")),
    redo: () => (S.can_redo ? op("redo") : say("nothing to redo")),
    realign: () => { say("re-aligning everything not confirmed…"); send("/api/realign", {}, () => say("re-aligned")); },
    save: () => send("/api/save", { file_hash: S.file_hash }, () => say("saved to " + S.file)),
    search: () => { $("search").focus(); $("search").select(); },
  };

  const keys = {
    Home: "beadFirst", End: "beadLast", ArrowUp: "beadUp", k: "beadUp", ArrowDown: "beadDown", j: "beadDown",
    ArrowLeft: "sideSrc", h: "sideSrc", ArrowRight: "sideTgt", l: "sideTgt",
    ",": "sentPrev", ".": "sentNext",
    u: "shiftUp", d: "shiftDown", m: "mergeNext", M: "mergePrev", s: "split", x: "detach",
    a: "attachUp", A: "attachDown", b: "splitSentence", J: "joinSentence",
    c: "confirm", C: "confirmAbove", n: "nextUnconfirmed", e: "nextDoubtful", f: "nextFinding",
    r: "realign", "/": "search",
  };
  const ctrlKeys = { z: "undo", y: "redo", Z: "redo", s: "save" };

  document.addEventListener("keydown", (ev) => {
    if (!S || !$("ask").hidden) return;
    if (ev.target === $("search")) return;
    let name = null;
    if (ev.ctrlKey || ev.metaKey) name = ctrlKeys[ev.shiftKey && ev.key === "z" ? "Z" : ev.key];
    else if (!ev.altKey) name = keys[ev.key];
    if (!name) return;
    ev.preventDefault();
    actions[name]();
  });

  document.querySelectorAll("#toolbar button").forEach((btn) => {
    btn.addEventListener("click", () => { actions[btn.dataset.action](); scroller.focus(); });
  });

  rows.addEventListener("click", (ev) => {
    const s = ev.target.closest(".s"), row = ev.target.closest(".bead");
    if (!row) return;
    if (s) cur.side = s.dataset.side;
    go(+row.dataset.k, s ? +s.dataset.p : 0);
  });

  let ticking = false;
  scroller.addEventListener("scroll", () => {
    if (ticking) return;
    ticking = true;
    requestAnimationFrame(() => { ticking = false; render(); });
  });
  window.addEventListener("resize", () => { if (S) { layout(); render(); } });

  // ------------------------------------------------------------ search

  const searchBox = $("search");
  searchBox.addEventListener("input", () => {
    const term = searchBox.value.trim().toLowerCase();
    search = { term: term, hits: [], at: -1 };
    if (term.length >= 2) {
      const owner = (side) => {
        const o = new Array(side === "src" ? src.length : tgt.length);
        S.beads.forEach((b, k) => { for (const i of (side === "src" ? b[0] : b[1])) o[i] = k; });
        return o;
      };
      const os = owner("src"), ot = owner("tgt");
      const seen = new Set();
      src.forEach((t, i) => { if (t.toLowerCase().includes(term)) seen.add(os[i]); });
      tgt.forEach((t, i) => { if (t.toLowerCase().includes(term)) seen.add(ot[i]); });
      search.hits = [...seen].sort((a, b) => a - b);
    } else {
      search.term = "";
    }
    $("matches").textContent = search.term ? search.hits.length + " beads match" : "";
    render();
  });
  searchBox.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") { ev.preventDefault(); scroller.focus(); return; }
    if (ev.key !== "Enter" || !search.hits.length) return;
    ev.preventDefault();
    const n = search.hits.length;
    let at = search.hits.findIndex((k) => (ev.shiftKey ? k >= cur.bead : k > cur.bead));
    at = ev.shiftKey ? (at <= 0 ? n - 1 : at - 1) : (at < 0 ? 0 : at);
    search.at = at;
    $("matches").textContent = (at + 1) + " of " + n + " beads";
    go(search.hits[at]);
  });

  // what the page shows, for tests and for the curious (read-only copies)
  window.paralignEdit = {
    state: () => JSON.parse(JSON.stringify(S)),
    cursor: () => Object.assign({}, cur),
  };

  // ------------------------------------------------------------ start

  api("/api/state").then((data) => {
    try { Object.assign(cur, JSON.parse(localStorage.getItem(storeKey) || "{}")); } catch (e) { /* none kept */ }
    if (cur.side !== "src" && cur.side !== "tgt") cur.side = "src";
    setState(data);
    go(cur.bead, cur.pos);
    scroller.focus();
    document.body.dataset.readyMs = String(Math.round(performance.now()));
    document.body.dataset.ready = "1";
  }).catch((e) => say(e.message, true));
})();
