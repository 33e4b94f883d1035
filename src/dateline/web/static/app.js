// dateline's page: a map of incidents (vendored Leaflet, shipped country outlines), filters, a list, an incident
// view with its claims side by side, and a form that codes a pasted article. Everything comes from this server's
// /api/v1; every value from an article is put in the page as text (textContent), never as HTML.
"use strict";

(function () {
  const API = "/api/v1";
  const PAGE = 50;
  const $ = (id) => document.getElementById(id);
  const state = { offset: 0, total: 0, filters: {}, articles: new Map(), firstRender: false };

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function status(message) { $("status").textContent = message || ""; }

  async function getJSON(path, params) {
    const url = new URL(API + path, window.location.origin);
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
    }
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.message || response.statusText);
    return body;
  }

  // -- filters

  function readFilters() {
    const f = {};
    for (const name of ["since", "until", "country", "type", "text"]) {
      const value = $("f-" + name).value.trim();
      if (value) f[name] = name === "country" || name === "type" ? value.toUpperCase() : value;
    }
    return f;
  }

  // -- the map

  const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 1 }).setView([15, 20], 2);
  map.attributionControl.addAttribution("Outlines: Natural Earth, world-atlas");
  const markers = L.layerGroup().addTo(map);
  let cellRequest = 0;

  function cellSize(zoom) { return Math.max(0.01, Math.min(90, 45 / Math.pow(2, zoom))); }

  function viewBox() {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    let west = b.getWest(), east = b.getEast();
    if (east - west >= 360) { west = -180; east = 180; }
    west = ((west + 540) % 360) - 180;
    east = ((east + 540) % 360) - 180;
    if (east === -180) east = 180;
    return [west, clamp(b.getSouth(), -90, 90), east, clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4))
      .join(",");
  }

  function radius(killed) { return Math.min(40, 5 + 3 * Math.sqrt(killed)); }

  async function drawCells() {
    const ticket = ++cellRequest;
    const zoom = map.getZoom();
    const page = await getJSON("/incidents/cells", { ...state.filters, cell: cellSize(zoom), bbox: viewBox() });
    if (ticket !== cellRequest) return;
    markers.clearLayers();
    for (const c of page.cells) {
      const marker = L.circleMarker([c.lat, c.lon], {
        radius: radius(c.killed), color: "#7f1d1d", weight: 1, fillColor: c.count > 1 ? "#d97706" : "#b3261e",
        fillOpacity: 0.7, className: c.count > 1 ? "incident-marker incident-cell" : "incident-marker",
      });
      const tip = el("span", c.count > 1
        ? `${c.count} incidents, ${c.killed} killed (best estimates)`
        : `${c.killed} killed (best estimate)`);
      marker.bindTooltip(tip, { direction: "top" });
      if (c.count > 1) {
        marker.bindTooltip(el("span", String(c.count)), { permanent: true, direction: "center",
          className: "cell-label", interactive: false });
        marker.on("click", () => map.setView([c.lat, c.lon], Math.min(map.getZoom() + 2, 12)));
      } else {
        marker.on("click", () => openIncident(c.id));
      }
      markers.addLayer(marker);
    }
    document.documentElement.dataset.markers = String(page.cells.length);
    document.documentElement.dataset.mapBusy = "0";   // the markers are those of the view shown
  }

  async function drawOutlines() {
    const response = await fetch("/static/vendor/world/countries.geojson");
    const world = await response.json();
    L.geoJSON(world, { interactive: false, style: { color: "#8b9aa8", weight: 0.7, fillColor: "#f4f1ea",
      fillOpacity: 1 } }).addTo(map);
    markers.remove(); markers.addTo(map);   // keep the incidents above the outlines
    const list = $("countries");
    const seen = new Set();
    for (const f of world.features) {
      const iso3 = f.properties.iso3;
      if (!iso3 || seen.has(iso3)) continue;
      seen.add(iso3);
      const option = el("option", f.properties.name);
      option.value = iso3;
      list.appendChild(option);
    }
  }

  // -- the list

  function estimateText(est) {
    if (!est) return "";
    return est.low === est.high ? String(est.best) : `${est.best} (${est.low}–${est.high})`;
  }

  function place(loc) {
    if (!loc) return "place unknown";
    return [loc.name, loc.country].filter(Boolean).join(", ") || "place unknown";
  }

  function dateText(d) {
    if (!d || !d.start) return "date unknown";
    return d.end && d.end !== d.start ? `${d.start} – ${d.end}` : d.start;
  }

  async function drawList() {
    const page = await getJSON("/incidents", { ...state.filters, limit: PAGE, offset: state.offset });
    state.total = page.total;
    const list = $("incidents");
    list.replaceChildren();
    for (const inc of page.items) {
      const li = el("li");
      li.tabIndex = 0;
      li.dataset.id = inc.id;
      const type = (inc.type && inc.type.plover) || "event";
      li.appendChild(el("strong", `${type} — ${place(inc.location)}`));
      const killed = inc.estimates && inc.estimates.killed;
      const injured = inc.estimates && inc.estimates.injured;
      const figures = [killed ? `killed ${estimateText(killed)}` : null,
        injured ? `injured ${estimateText(injured)}` : null].filter(Boolean).join(", ");
      li.appendChild(el("div", `${dateText(inc.date)} · ${inc.members} report(s)${figures ? " · " + figures : ""}`,
        "when"));
      li.addEventListener("click", () => openIncident(inc.id));
      li.addEventListener("keydown", (e) => { if (e.key === "Enter") openIncident(inc.id); });
      list.appendChild(li);
    }
    $("total").textContent = `(${page.total})`;
    const last = Math.min(page.offset + page.items.length, page.total);
    $("page").textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}` : "none";
    $("prev").disabled = page.offset === 0;
    $("next").disabled = page.next_offset === null;
  }

  async function refresh() {
    try {
      await Promise.all([drawList(), drawCells()]);
    } catch (err) {
      status(err.message);
    }
  }

  // -- an incident

  function figure(c) {
    if (c.low === null && c.high === null) return c.kind;
    const n = c.low === c.high || c.high === null ? (c.high === null && c.low !== null ? `≥ ${c.low}` : c.low)
      : `${c.low}–${c.high}`;
    return `${c.kind} ${n}${c.who ? " " + c.who : ""}`;
  }

  async function article(id) {
    if (!state.articles.has(id)) state.articles.set(id, getJSON("/articles/" + encodeURIComponent(id)));
    return state.articles.get(id);
  }

  function showText(container, text, span) {
    container.replaceChildren();
    if (!span) { container.textContent = text; return null; }
    const [s, e] = span;
    container.appendChild(document.createTextNode(text.slice(0, s)));
    const mark = el("mark", text.slice(s, e));
    container.appendChild(mark);
    container.appendChild(document.createTextNode(text.slice(e)));
    return mark;
  }

  async function showEvidence(articleId, span, row) {
    for (const r of document.querySelectorAll("#claims tr.selected")) r.classList.remove("selected");
    if (row) row.classList.add("selected");
    try {
      const stored = await article(articleId);
      const a = stored.coding.article;
      $("article-title").textContent = a.title || a.input_id || a.id;
      const mark = showText($("article-text"), a.text || "", span);
      if (mark) mark.scrollIntoView({ block: "nearest" });
    } catch (err) {
      status(err.message);
    }
  }

  async function openIncident(id) {
    status("");
    let detail;
    try {
      detail = await getJSON("/incidents/" + encodeURIComponent(id));
    } catch (err) {
      status(err.message);
      return;
    }
    const inc = detail.incident;
    $("list-pane").hidden = true;
    $("incident").hidden = false;
    $("incident").dataset.id = inc.id;
    $("incident-title").textContent = `${(inc.type && inc.type.plover) || "event"} — ${place(inc.location)}`;
    $("incident-meta").textContent = `${dateText(inc.date)} · ${inc.members.length} report(s) · first reported `
      + `${inc.first_reported || "?"} · ${inc.id}`;
    const est = $("estimates").tBodies[0];
    est.replaceChildren();
    for (const [kind, e] of Object.entries(inc.estimates || {})) {
      if (!e) continue;
      const tr = el("tr");
      for (const v of [kind, e.low, e.best, e.high]) tr.appendChild(el("td", v));
      est.appendChild(tr);
    }
    const published = new Map(inc.members.map((m) => [m.article_id, m.published]));
    const tbody = $("claims").tBodies[0];
    tbody.replaceChildren();
    for (const c of inc.claims) {
      const tr = el("tr");
      const source = c.source || {};
      tr.appendChild(el("td", source.name || "unknown"));
      tr.appendChild(el("td", source.type || ""));
      tr.appendChild(el("td", c.stance, "stance-" + c.stance));
      tr.appendChild(el("td", figure(c)));
      tr.appendChild(el("td", c.article || c.article_id));
      tr.appendChild(el("td", published.get(c.article_id) || ""));
      tr.addEventListener("click", () => showEvidence(c.article_id, c.span, tr));
      tbody.appendChild(tr);
    }
    const quotes = $("quotes");
    quotes.replaceChildren();
    for (const q of detail.quotes) {
      const li = el("li");
      li.appendChild(el("span", `${(q.speaker && q.speaker.name) || "unknown"}: `));
      li.appendChild(el("q", q.text));
      quotes.appendChild(li);
    }
    const first = inc.members[0];
    if (first) await showEvidence(first.article_id, null, null);
    if (inc.location && inc.location.lat !== null && inc.location.lat !== undefined) {
      map.setView([inc.location.lat, inc.location.lon], Math.max(map.getZoom(), 5));
    }
  }

  // -- a pasted article

  async function codeArticle(event) {
    event.preventDefault();
    status("");
    const body = { text: $("code-text").value };
    if ($("code-title").value.trim()) body.title = $("code-title").value.trim();
    if ($("code-published").value) body.published = $("code-published").value;
    const store = $("code-store").checked;
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (store && $("code-token").value) headers.Authorization = "Bearer " + $("code-token").value;
    $("code-submit").disabled = true;
    try {
      const response = await fetch(API + "/code" + (store ? "?store=true" : ""), {
        method: "POST", headers, body: JSON.stringify(body) });
      const result = await response.json();
      if (!response.ok) throw new Error(result.message || response.statusText);
      showCoding(result.coding);
      if (result.stored) {
        status(`stored; incidents: ${result.incidents.join(", ") || "none"}`);
        await refresh();
      }
    } catch (err) {
      status(err.message);
    } finally {
      $("code-submit").disabled = false;
    }
  }

  function showCoding(coding) {
    $("coding").hidden = false;
    const text = coding.article.text || "";
    const events = $("coding-events").tBodies[0];
    events.replaceChildren();
    const claims = $("coding-claims").tBodies[0];
    claims.replaceChildren();
    for (const e of coding.events) {
      const tr = el("tr");
      const est = e.estimates || {};
      for (const v of [e.id, e.status, (e.type && e.type.plover) || "", dateText(e.date), place(e.location),
        est.killed ? estimateText(est.killed) : "", est.injured ? estimateText(est.injured) : ""]) {
        tr.appendChild(el("td", v));
      }
      events.appendChild(tr);
      for (const c of e.claims || []) {
        const row = el("tr");
        for (const v of [e.id, (c.source && c.source.name) || "unknown", (c.source && c.source.type) || "",
          c.stance, figure(c)]) row.appendChild(el("td", v));
        row.addEventListener("click", () => {
          for (const r of claims.querySelectorAll("tr.selected")) r.classList.remove("selected");
          row.classList.add("selected");
          const mark = showText($("coding-text"), text, c.span);
          if (mark) mark.scrollIntoView({ block: "nearest" });
        });
        claims.appendChild(row);
      }
    }
    showText($("coding-text"), text, null);
  }

  // -- wiring

  $("filters").addEventListener("submit", (e) => {
    e.preventDefault();
    state.filters = readFilters();
    state.offset = 0;
    status("");
    refresh();
  });
  $("f-reset").addEventListener("click", () => {
    state.filters = {};
    state.offset = 0;
    setTimeout(refresh, 0);
  });
  $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); drawList(); });
  $("next").addEventListener("click", () => { state.offset += PAGE; drawList(); });
  $("close-incident").addEventListener("click", () => { $("incident").hidden = true; $("list-pane").hidden = false; });
  $("code-form").addEventListener("submit", codeArticle);
  map.on("movestart", () => { document.documentElement.dataset.mapBusy = "1"; });
  map.on("moveend", () => { drawCells().catch((err) => status(err.message)); });

  Promise.all([drawOutlines(), drawList(), drawCells()]).then(() => {
    document.documentElement.dataset.firstRender = String(Math.round(performance.now()));
  }).catch((err) => status(err.message));
})();
