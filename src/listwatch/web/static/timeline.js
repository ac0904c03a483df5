// The timeline chart: one row per designation, bars from listing to delisting, diamonds for
// amendments, and a line at the day shown. Parts the held versions show are solid; inferred parts
// (before the first version holding the entry, past the list's coverage) are hatched. Each row's
// status on the day is the jurisdiction matrix's (GET /matrix), so the chart and the table beside it
// never disagree. Plain JS, hand-written SVG.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var dataEl = document.getElementById("chart-data");
  var host = document.getElementById("timeline");
  if (!dataEl || !host) return;
  var data = JSON.parse(dataEl.textContent);
  var rows = data.rows;
  var DAY = 86400000;
  // Dates come at their source's precision ("2005", "2023-12"): drawn from their first day.
  function t(iso) {
    var day = iso.length === 4 ? iso + "-01-01" : iso.length === 7 ? iso + "-01" : iso;
    return Date.parse(day + "T00:00:00Z");
  }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }

  var today = t(data.today);
  var starts = [];
  rows.forEach(function (r) {
    r.spans.forEach(function (s) { if (s.from) starts.push(t(s.from)); if (s.to) starts.push(t(s.to)); });
    r.amendments.forEach(function (a) { starts.push(t(a.date)); });
  });
  var lo = starts.length ? Math.min.apply(null, starts) : today - 365 * DAY;
  var hi = Math.max(today, t(data.on));
  lo = Date.UTC(new Date(lo).getUTCFullYear(), 0, 1);
  hi = Date.UTC(new Date(hi).getUTCFullYear() + 1, 0, 1);

  var LABEL = 260, STATUS = 90, ROW = 30, TOP = 24, width = Math.max(760, host.clientWidth || 760);
  var plot = width - LABEL - STATUS - 10;
  function x(ms) { return LABEL + (ms - lo) / (hi - lo) * plot; }
  function el(name, attrs, parent, text) {
    var node = document.createElementNS(NS, name);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  var svg = el("svg", { width: width, height: TOP + rows.length * ROW + 10, "aria-hidden": "false" });
  el("title", {}, svg, "Listing spans of " + data.entity + " across jurisdictions");
  var axis = el("g", { "class": "axis" }, svg);
  var years = new Date(hi).getUTCFullYear() - new Date(lo).getUTCFullYear();
  var step = years > 30 ? 5 : years > 12 ? 2 : 1;
  for (var y = new Date(lo).getUTCFullYear(); y <= new Date(hi).getUTCFullYear(); y += step) {
    var xx = x(Date.UTC(y, 0, 1));
    el("line", { x1: xx, x2: xx, y1: TOP - 6, y2: TOP + rows.length * ROW }, axis);
    el("text", { x: xx + 2, y: TOP - 10 }, axis, String(y));
  }
  var statusNodes = [];
  rows.forEach(function (r, i) {
    var y0 = TOP + i * ROW;
    var g = el("g", { "class": "row", "data-list": r.list, "data-jurisdiction": r.jurisdiction }, svg);
    var label = el("text", { "class": "rowlabel", x: 4, y: y0 + 19 }, g, r.jurisdiction + " · " + r.list);
    el("title", {}, label, r.title + " (" + r.ref + ")");
    function part(a, b, cls, s, what) {
      if (b <= a) return;
      var bar = el("rect", {
        "class": "bar" + (s.to ? "" : " open") + cls, x: x(a), y: y0 + 7,
        width: Math.max(2, x(b) - x(a)), height: ROW - 14, rx: 2,
        "data-list": r.list, "data-from": s.from || "", "data-to": s.to || ""
      }, g);
      el("title", {}, bar, r.list + ": " + what);
    }
    r.spans.forEach(function (s) {
      // A listing whose start no source dates (from: null) starts at the chart's edge, dashed.
      var end = s.to ? t(s.to) : today, start = s.from ? t(s.from) : lo;
      var held = s.held_from ? Math.max(start, t(s.held_from)) : start;
      var known = r.known_until ? Math.min(end, t(r.known_until)) : end;
      var said = (s.when || ("listed " + (s.from || "(start not stated)"))) + " – " +
        (s.to ? (s.until_when || "delisted " + s.to) : "still listed");
      if (s.dated_by === "first_seen") {
        // Undated: listed on or before the first version holding it; a stub says so.
        el("rect", { "class": "bar inferred", x: x(start) - 10, y: y0 + 7, width: 10, height: ROW - 14 }, g);
      }
      part(start, held, " inferred", s, said + " (before the first version holding it: per its source)");
      part(held, known, s.from ? "" : " undated", s, said);
      part(Math.max(held, known), end, " inferred", s, said + " (past the list's coverage: not known)");
    });
    r.amendments.forEach(function (a) {
      var cx = x(t(a.date)), cy = y0 + ROW / 2;
      var d = el("path", {
        "class": "amend", d: "M" + cx + " " + (cy - 6) + " l6 6 l-6 6 l-6 -6 z", "data-date": a.date
      }, g);
      el("title", {}, d, r.list + ": amended " + a.date + (a.changes && a.changes.length ? "\n" + a.changes.join("\n") : ""));
    });
    statusNodes.push(el("text", { "class": "rowstatus", x: width - STATUS, y: y0 + 19, "data-list": r.list }, g, ""));
  });
  var line = el("line", { "class": "asof-line", y1: TOP - 6, y2: TOP + rows.length * ROW }, svg);
  host.appendChild(svg);

  var statuses = data.matrix || {}, pending = false;
  function statusOf(r) {
    return statuses["entity:" + r.entity_id] || statuses["list:" + r.matrix_list] || null;
  }
  var dateInput = document.getElementById("asof-date");
  var slider = document.getElementById("asof-slider");
  var out = document.getElementById("asof-out");
  var span = Math.max(1, Math.round((Math.min(hi, today + DAY) - lo) / DAY));
  slider.min = 0; slider.max = span;

  function draw(ms) {
    line.setAttribute("x1", x(ms)); line.setAttribute("x2", x(ms));
    showStatuses();
    out.textContent = iso(ms);
  }
  function showStatuses() {
    rows.forEach(function (r, i) {
      var st = statusOf(r), value = st ? st.status : "unknown";
      // Until the matrix for the new day arrives, no status is shown rather than the old day's.
      statusNodes[i].textContent = pending ? "…" : value.replace(/_/g, " ") + (st && st.stale ? " (stale)" : "");
      statusNodes[i].setAttribute("class", "rowstatus " + value);
    });
  }
  var timer = null;
  function refreshMatrix(day) {
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch("/matrix?entity=" + encodeURIComponent(data.entity) + "&on=" + day, { headers: { Accept: "application/json" } })
        .then(function (res) { return res.ok ? res.json() : null; })
        .then(function (m) { if (m) renderMatrix(m); });
    }, 200);
  }
  function cell(tr, text) { var td = document.createElement("td"); td.textContent = text || ""; tr.appendChild(td); return td; }
  function renderMatrix(m) {
    statuses = {}; pending = false;
    m.rows.forEach(function (r) {
      var v = { status: r.status, stale: r.stale, basis: r.basis };
      statuses["list:" + r.list] = v;
      if (r.entity_id) statuses["entity:" + r.entity_id] = v;
    });
    showStatuses();
    var body = document.getElementById("matrix-body");
    document.getElementById("matrix-day").textContent = m.on;
    body.textContent = "";
    m.rows.forEach(function (r) {
      var tr = document.createElement("tr");
      cell(tr, r.jurisdiction); cell(tr, r.list);
      var st = cell(tr, ""), badge = document.createElement("span");
      badge.className = "status " + r.status; badge.textContent = r.status.replace(/_/g, " "); st.appendChild(badge);
      if (r.basis) badge.title = r.basis.reason;
      if (r.stale) {
        var note = document.createElement("small"); note.className = "stale";
        note.textContent = " stale: last version " + r.coverage.to + " said " + (r.last_known || "nothing").replace(/_/g, " ");
        st.appendChild(note);
      }
      cell(tr, r.since); cell(tr, r.until);
      var src = cell(tr, ""), det = document.createElement("details"), sum = document.createElement("summary");
      sum.textContent = r.claims.length + (r.claims.length === 1 ? " claim" : " claims"); det.appendChild(sum);
      var ul = document.createElement("ul");
      r.claims.forEach(function (c) {
        var li = document.createElement("li");
        li.textContent = (c.statement || "") + (c.source ? " — " + c.source : "");
        if (c.quote) { var q = document.createElement("blockquote"); q.textContent = c.quote; li.appendChild(q); }
        ul.appendChild(li);
      });
      det.appendChild(ul); src.appendChild(det); body.appendChild(tr);
    });
  }
  function setDay(ms, fromSlider) {
    ms = Math.max(lo, Math.min(ms, hi));
    pending = true;
    draw(ms);
    if (!fromSlider) slider.value = Math.round((ms - lo) / DAY);
    dateInput.value = iso(ms);
    refreshMatrix(iso(ms));
  }
  slider.addEventListener("input", function () { setDay(lo + Number(slider.value) * DAY, true); });
  dateInput.addEventListener("change", function () { if (dateInput.value) setDay(t(dateInput.value), false); });
  var first = t(data.on);
  slider.value = Math.round((first - lo) / DAY);
  draw(first);
})();
