/* Script of the `kg explore` page (inlined into the page by kg/explore.py).
 *
 * Every string in the graph data comes from news articles and is untrusted:
 * it only ever reaches the DOM through textContent, createElement and
 * attribute setters (links only for http/https URLs), never through
 * HTML parsing of any kind.  vis-network draws captions on a canvas as text.
 */
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", ' +
    '"WenQuanYi Zen Hei", system-ui, sans-serif';
  var PROVENANCE = { sources: 1, evidence: 1, evidence_refs: 1 };
  var PANEL_REL_LIMIT = 150;

  var nodesById = Object.create(null);
  var edgesById = Object.create(null);
  var incident = Object.create(null);
  var labelInfo = Object.create(null);
  data.labels.forEach(function (l) { labelInfo[l.name] = l; });
  data.nodes.forEach(function (n) { nodesById[n.id] = n; incident[n.id] = []; });
  data.edges.forEach(function (e) {
    edgesById[e.id] = e;
    incident[e.from].push(e);
    if (e.to !== e.from) incident[e.to].push(e);
  });

  // ------------------------------------------------------------------ helpers
  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text !== undefined && text !== null) x.textContent = String(text);
    return x;
  }
  function asText(v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    if (Array.isArray(v) && v.every(function (x) { return x === null || typeof x !== "object"; })) {
      return v.map(asText).join("、");
    }
    return JSON.stringify(v);
  }
  function asList(v) {
    if (v === null || v === undefined || v === "") return [];
    return Array.isArray(v) ? v : [v];
  }
  function safeUrl(u) {
    if (typeof u !== "string") return null;
    try {
      var url = new URL(u.trim());
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (err) {
      return null;
    }
  }
  function link(url, text) {
    var href = safeUrl(url);
    if (!href) return el("span", null, text);
    var a = el("a", null, text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function hexToRgb(hex) {
    var m = /^#?([0-9a-f]{6})$/i.exec(hex || "");
    var v = m ? parseInt(m[1], 16) : 0x78909c;
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }
  function mix(hex, target, f) {
    var c = hexToRgb(hex);
    return "rgb(" + c.map(function (x) { return Math.round(x + (target - x) * f); }).join(",") + ")";
  }
  function colorOf(label) { return (labelInfo[label] || {}).color || "#78909c"; }

  // ------------------------------------------------------------------ vis data
  var maxDeg = 1;
  data.nodes.forEach(function (n) { if (n.degree > maxDeg) maxDeg = n.degree; });
  // Caption size by degree rank: the best-connected tenth get bigger captions,
  // which stay readable when zoomed out (captions under ~6px are not drawn).
  var sortedDeg = data.nodes.map(function (n) { return n.degree; }).sort(function (a, b) { return a - b; });
  function rankOf(d) {  // share of nodes with a smaller degree
    var lo = 0, hi = sortedDeg.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sortedDeg[mid] < d) lo = mid + 1; else hi = mid; }
    return sortedDeg.length ? lo / sortedDeg.length : 0;
  }
  function captionSize(n) {
    if (n.id === data.center) return 21;
    return Math.round(13 + 9 * Math.max(0, (rankOf(n.degree) - 0.9) / 0.1));
  }
  var big = data.nodes.length > 200;

  function nodeHidden(n) {
    return n.id !== data.center && !!(labelInfo[n.label] && labelInfo[n.label].hidden);
  }
  function visNode(n) {
    var base = colorOf(n.label);
    var isCenter = n.id === data.center;
    var tip = el("div", null, n.fullCaption + "  [" + n.labels.join(", ") + "] · " + n.degree + " rel.");
    var v = {
      id: n.id,
      label: n.caption,
      title: tip,
      value: isCenter ? Math.sqrt(maxDeg) * 1.25 + 1 : Math.sqrt(n.degree) + 1,
      hidden: nodeHidden(n),
      color: {
        background: base, border: mix(base, 0, 0.35),
        highlight: { background: mix(base, 255, 0.3), border: "#000" },
        hover: { background: mix(base, 255, 0.2), border: mix(base, 0, 0.5) }
      },
      font: { size: captionSize(n) },
      borderWidth: 1,
      borderWidthSelected: 3
    };
    if (n.label === "Article") {
      v.font.color = "#616161";
      if (!big) v.widthConstraint = { maximum: 110 };
    }
    if (isCenter) {
      v.color.border = "#111";
      v.borderWidth = 5;
      v.borderWidthSelected = 6;
      v.shadow = { enabled: true, size: 12, x: 0, y: 0, color: "rgba(0,0,0,0.35)" };
      v.font.color = "#000000";
      v.font.strokeWidth = 5;
      v.x = 0;
      v.y = 0;
    }
    return v;
  }
  function visEdge(e) {
    var a = nodesById[e.from], b = nodesById[e.to];
    return {
      id: e.id, from: e.from, to: e.to, label: e.type,
      hidden: nodeHidden(a) || nodeHidden(b)
    };
  }
  var nodesDS = new vis.DataSet(data.nodes.map(visNode));
  var edgesDS = new vis.DataSet(data.edges.map(visEdge));

  var options = {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: data.nodes.length <= 150 },
    interaction: {
      hover: true, tooltipDelay: 250, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
      keyboard: false, multiselect: false, navigationButtons: false
    },
    physics: {
      enabled: true,
      solver: "forceAtlas2Based",
      forceAtlas2Based: {
        gravitationalConstant: big ? -45 : -110, centralGravity: big ? 0.02 : 0.02,
        springLength: big ? 75 : 125, springConstant: 0.05, damping: 0.5, avoidOverlap: 1
      },
      minVelocity: 1,
      stabilization: { enabled: true, iterations: big ? 350 : 500, updateInterval: 25, fit: true }
    },
    nodes: {
      shape: "dot",
      font: { size: 14, face: FONT, color: "#212121", strokeWidth: 4, strokeColor: "#ffffff" },
      // Wrapping makes a label taller, and the zoom threshold goes by height:
      // a big graph keeps one-line captions so that only important ones show.
      widthConstraint: big ? false : { maximum: 150 },
      scaling: {
        min: 9, max: 34,
        label: { enabled: false, maxVisible: 20, drawThreshold: 7 }
      }
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.45 } },
      color: { color: "#b0bec5", highlight: "#37474f", hover: "#607d8b", inherit: false },
      width: 1, hoverWidth: 0.5, selectionWidth: 1.5,
      font: { size: 9, face: FONT, color: "#78909c", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      smooth: data.edges.length > 600 ? false : { enabled: true, type: "continuous", roundness: 0.25 }
    }
  };

  var container = document.getElementById("graph");
  var statusEl = document.getElementById("status");
  var network = new vis.Network(container, { nodes: nodesDS, edges: edgesDS }, options);
  window.kgNetwork = network;
  window.kgNodes = nodesDS;
  window.kgEdges = edgesDS;
  window.kgStabilized = false;

  var frozen = false;
  function freeze() {
    if (frozen) return;
    frozen = true;
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
    window.kgStabilizeMs = Math.round(performance.now() - t0);
    window.kgStabilized = true;
    document.body.setAttribute("data-stabilized", "true");
    statusEl.textContent = "";
  }
  network.on("stabilizationProgress", function (p) {
    statusEl.textContent = "Laying out… " + Math.round((100 * p.iterations) / Math.max(1, p.total)) + "%";
  });
  network.once("stabilizationIterationsDone", freeze);
  network.once("stabilized", freeze);
  if (data.nodes.length === 0) {
    freeze();
    statusEl.textContent = "Empty graph";
  }
  setTimeout(freeze, 30000); // whatever happens, stop moving after 30 s

  // ------------------------------------------------------------------ header, legend, toggles
  if (data.center && nodesById[data.center]) {
    document.getElementById("hops-note").textContent =
      " (" + nodesById[data.center].fullCaption + ", " + data.hops + " hops)";
  }
  var visibleCountEl = document.getElementById("visible-count");
  function applyVisibility() {
    var shown = 0;
    nodesDS.update(data.nodes.map(function (n) {
      var h = nodeHidden(n);
      if (!h) shown += 1;
      return { id: n.id, hidden: h };
    }));
    edgesDS.update(data.edges.map(function (e) {
      return { id: e.id, hidden: nodeHidden(nodesById[e.from]) || nodeHidden(nodesById[e.to]) };
    }));
    visibleCountEl.textContent = String(shown);
    visibleCountEl.setAttribute("data-count", String(shown));
  }
  var legend = document.getElementById("legend");
  var toggles = Object.create(null);
  data.labels.forEach(function (l) {
    var row = el("label", "toggle");
    var box = el("input");
    box.type = "checkbox";
    box.checked = !l.hidden;
    box.setAttribute("data-label", l.name);
    box.id = "toggle-" + l.name.replace(/[^A-Za-z0-9_-]/g, "_");
    box.addEventListener("change", function () {
      l.hidden = !box.checked;
      applyVisibility();
    });
    toggles[l.name] = box;
    var sw = el("span", "swatch");
    sw.style.background = l.color;
    row.appendChild(box);
    row.appendChild(sw);
    row.appendChild(el("span", "name", l.name));
    row.appendChild(el("span", "count", l.count));
    legend.appendChild(row);
  });
  applyVisibility();

  // ------------------------------------------------------------------ side panel
  var panel = document.getElementById("panel");
  function nodeButton(id) {
    var n = nodesById[id];
    var b = el("button", "node-link", n ? n.fullCaption : id);
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function section(title) {
    panel.appendChild(el("h3", null, title));
  }
  function propsTable(props, skip) {
    var keys = Object.keys(props).filter(function (k) {
      return !Object.prototype.hasOwnProperty.call(skip, k) && asText(props[k]) !== "";
    });
    if (!keys.length) return null;
    var t = el("table", "props");
    keys.forEach(function (k) {
      var tr = el("tr");
      tr.appendChild(el("th", null, k));
      var td = el("td");
      if (k === "url" && safeUrl(props[k])) td.appendChild(link(props[k], props[k]));
      else td.textContent = asText(props[k]);
      tr.appendChild(td);
      t.appendChild(tr);
    });
    return t;
  }
  function articleItem(aid) {
    var li = el("li");
    var a = nodesById[aid];
    var p = a ? a.properties : {};
    var title = p.title ? String(p.title) : String(aid);
    li.appendChild(link(p.url, title));
    var meta = [];
    if (p.published_at) meta.push(String(p.published_at).slice(0, 10));
    if (p.source) meta.push(asText(p.source));
    if (meta.length) li.appendChild(el("span", "muted", " · " + meta.join(" · ")));
    return li;
  }
  function sentenceOf(x) {
    if (x && typeof x === "object" && !Array.isArray(x)) {
      return asText(x.sentence || x.text || x.evidence || x.quote || JSON.stringify(x));
    }
    return asText(x);
  }
  // Which article(s) each evidence sentence came from, when the data says so:
  // evidence_refs is parallel to evidence, each "ARTICLE_ID@START-END" (kg.graph);
  // {source, sentence} objects and [source, sentence] pairs are read too.
  function refSource(r) {
    if (typeof r === "string") {
      var at = r.lastIndexOf("@");
      return at > 0 ? r.slice(0, at) : r;
    }
    if (r && typeof r === "object" && !Array.isArray(r)) {
      var s = r.source || r.article || r.article_id || r.source_id || r.id;
      return s === undefined || s === null ? null : String(s);
    }
    return null;
  }
  function evidenceWithSources(props) {
    var sources = asList(props.sources).map(String);
    var refs = asList(props.evidence_refs);
    var bySentence = Object.create(null);
    var order = [];
    function add(s, src) {
      if (!s) return;
      if (!(s in bySentence)) { bySentence[s] = []; order.push(s); }
      if (src && bySentence[s].indexOf(src) < 0) bySentence[s].push(src);
    }
    asList(props.evidence).forEach(function (x, i) {
      add(sentenceOf(x), typeof refs[i] === "string" ? refSource(refs[i]) : null);
    });
    refs.forEach(function (r) {
      if (Array.isArray(r) && r.length >= 2) {
        var a = String(r[0]), b = String(r[1]);
        if (sources.indexOf(a) >= 0 || nodesById[a]) add(b, a); else add(a, b);
      } else if (r && typeof r === "object") {
        var s = r.sentence || r.text || r.evidence || r.quote;
        if (s) add(asText(s), refSource(r));
      }
    });
    if (sources.length === 1) {
      order.forEach(function (s) { if (!bySentence[s].length) bySentence[s].push(sources[0]); });
    }
    return order.map(function (s) { return { sentence: s, sources: bySentence[s] }; });
  }
  function evidenceBlock(parent, props) {
    evidenceWithSources(props).forEach(function (ev) {
      var q = el("blockquote", "evidence", ev.sentence);
      if (ev.sources.length && asList(props.sources).length > 1) {
        var names = ev.sources.map(function (s) {
          var a = nodesById[s];
          return a && a.properties.title ? String(a.properties.title) : s;
        });
        q.appendChild(el("div", "muted", "— " + names.join("; ")));
      }
      parent.appendChild(q);
    });
  }
  function sourcesList(parent, ids) {
    if (!ids.length) return;
    var ul = el("ul", "sources");
    ids.forEach(function (aid) { ul.appendChild(articleItem(aid)); });
    parent.appendChild(ul);
  }
  function relItem(e, viewFrom) {
    var box = el("div", "rel");
    var head = el("div", "rel-head");
    var out = e.from === viewFrom;
    head.appendChild(el("span", "rel-type", e.type));
    head.appendChild(document.createTextNode(out ? " → " : " ← "));
    head.appendChild(nodeButton(out ? e.to : e.from));
    box.appendChild(head);
    var t = propsTable(e.properties, PROVENANCE);
    if (t) box.appendChild(t);
    evidenceBlock(box, e.properties);
    sourcesList(box, asList(e.properties.sources).map(String));
    return box;
  }
  function labelChips(n) {
    var chips = el("div", "chips");
    n.labels.forEach(function (l) {
      var c = el("span", "chip label", l);
      c.style.background = labelInfo[l] ? colorOf(l) : "#90a4ae";
      chips.appendChild(c);
    });
    if (n.id === data.center) chips.appendChild(el("span", "chip", "centre"));
    chips.appendChild(el("span", "chip", n.degree + " relationships"));
    return chips;
  }
  function aliasChips(title, values) {
    values = asList(values);
    if (!values.length) return;
    section(title);
    var chips = el("div", "chips");
    values.forEach(function (a) { chips.appendChild(el("span", "chip alias", asText(a))); });
    panel.appendChild(chips);
  }
  function showNode(id) {
    var n = nodesById[id];
    if (!n) return;
    panel.replaceChildren();
    panel.setAttribute("data-kind", "node");
    panel.setAttribute("data-id", n.id);
    var h = el("h2", "panel-title", n.fullCaption);
    panel.appendChild(h);
    panel.appendChild(labelChips(n));
    aliasChips("Aliases", n.properties.aliases);
    aliasChips("Weak aliases", n.properties.weak_aliases);
    var skip = { name: 1, aliases: 1, weak_aliases: 1 };
    if (n.label === "Article") skip.title = 1;
    var t = propsTable(n.properties, skip);
    if (t) { section("Properties"); panel.appendChild(t); }
    var rels = incident[n.id].slice().sort(function (a, b) {
      return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
    });
    if (rels.length) {
      section("Relationships (" + rels.length + ")");
      rels.slice(0, PANEL_REL_LIMIT).forEach(function (e) { panel.appendChild(relItem(e, n.id)); });
      if (rels.length > PANEL_REL_LIMIT) {
        panel.appendChild(el("p", "muted", "… " + (rels.length - PANEL_REL_LIMIT) + " more"));
      }
    }
    var seen = Object.create(null), articles = [];
    rels.forEach(function (e) {
      asList(e.properties.sources).forEach(function (s) {
        s = String(s);
        if (!seen[s]) { seen[s] = 1; articles.push(s); }
      });
    });
    if (articles.length) {
      section("Source articles (" + articles.length + ")");
      sourcesList(panel, articles);
    }
    panel.scrollTop = 0;
  }
  function showEdge(id) {
    var e = edgesById[id];
    if (!e) return;
    panel.replaceChildren();
    panel.setAttribute("data-kind", "edge");
    panel.setAttribute("data-id", e.id);
    panel.appendChild(el("h2", "panel-title", e.type));
    var head = el("div", "rel-head");
    head.appendChild(nodeButton(e.from));
    head.appendChild(document.createTextNode(" → "));
    head.appendChild(nodeButton(e.to));
    panel.appendChild(head);
    var t = propsTable(e.properties, PROVENANCE);
    if (t) { section("Properties"); panel.appendChild(t); }
    var ev = el("div");
    evidenceBlock(ev, e.properties);
    if (ev.childNodes.length) { section("Evidence"); panel.appendChild(ev); }
    var srcs = asList(e.properties.sources).map(String);
    if (srcs.length) { section("Source articles (" + srcs.length + ")"); sourcesList(panel, srcs); }
    panel.scrollTop = 0;
  }
  function focusNode(id) {
    var n = nodesById[id];
    if (!n) return;
    if (nodeHidden(n) && toggles[n.label]) {
      toggles[n.label].checked = true;
      labelInfo[n.label].hidden = false;
      applyVisibility();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 350 } });
    showNode(id);
  }
  window.kgFocusNode = focusNode;
  window.kgShowEdge = showEdge;
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  // ------------------------------------------------------------------ search
  function norm(s) { return String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, ""); }
  var searchIndex = data.nodes.map(function (n) {
    var p = n.properties, names = [];
    [p.name, p.title, n.fullCaption].concat(asList(p.aliases), asList(p.weak_aliases)).forEach(function (x) {
      if (x !== null && x !== undefined && typeof x !== "object") names.push(norm(x));
    });
    return { id: n.id, names: names, degree: n.degree };
  });
  function search(q) {
    q = norm(q);
    if (!q) return [];
    var hits = [];
    searchIndex.forEach(function (s) {
      var best = 9;
      s.names.forEach(function (x) {
        var r = x === q ? 0 : x.indexOf(q) === 0 ? 1 : x.indexOf(q) >= 0 ? 2 : 9;
        if (r < best) best = r;
      });
      if (best < 9) hits.push({ id: s.id, rank: best, degree: s.degree });
    });
    hits.sort(function (a, b) { return a.rank - b.rank || b.degree - a.degree; });
    return hits;
  }
  var results = document.getElementById("search-results");
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("search").value;
    var hits = search(q);
    results.replaceChildren();
    if (!q.trim()) return;
    if (!hits.length) {
      results.appendChild(el("p", "none", "No node matches “" + q + "”"));
      return;
    }
    results.appendChild(el("h2", null, "Matches (" + hits.length + ")"));
    hits.slice(0, 20).forEach(function (h) { results.appendChild(nodeButton(h.id)); });
    focusNode(hits[0].id);
  });
})();
