// The view's behaviour. Every string from the graph is article text and untrusted:
// it reaches the DOM through textContent only, and vis-network draws labels on a canvas.
(function () {
  "use strict";

  const READABLE_PX = 12; // the default zoom never draws a label smaller than this
  const FONT_PX = 16;
  const RING_GAP = 200; // pixels between the rings of a neighbourhood
  const RING_SPACING = 80; // pixels between two nodes on a ring

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const typeByCode = new Map(data.types.map((t) => [t.code, t]));
  const relationByCode = new Map(data.relations.map((r) => [r.code, r]));
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));
  const edgesOfNode = new Map(data.nodes.map((n) => [n.id, []]));
  for (const edge of data.edges) {
    edgesOfNode.get(edge.from).push(edge);
    if (edge.to !== edge.from) edgesOfNode.get(edge.to).push(edge);
  }

  // ---- what is shown -------------------------------------------------------------
  // Outside a neighbourhood, a node shows when it passes the sliders (isolated nodes: the checkbox); inside one,
  // when it is in the neighbourhood. Nodes the reader asked for (search, links, neighbours) show either way, and a
  // hidden type hides a node always. An edge shows when both ends do and its relation is not hidden.
  const hiddenTypes = new Set();
  const hiddenRelations = new Set();
  const revealed = new Set();
  const steps = (key) => [...new Set(data.nodes.map((n) => n[key]).filter((v) => v > 0))].sort((a, b) => a - b);
  const degreeSteps = steps("degree");
  const mentionSteps = steps("mentions");
  const show = {
    minDegree: data.overview.min_degree,
    minMentions: mentionSteps.length ? mentionSteps[0] : 0,
    isolated: data.overview.isolated,
    focus: null, // { id, depth, members: Set of ids }
  };
  const shown = new Uint8Array(data.nodes.length);

  function passesSliders(node) {
    if (node.mentions < show.minMentions) return false;
    return node.degree === 0 ? show.isolated : node.degree >= show.minDegree;
  }

  function isShown(node) {
    if (hiddenTypes.has(node.type)) return false;
    if (revealed.has(node.id)) return true;
    return show.focus ? show.focus.members.has(node.id) : passesSliders(node);
  }

  function computeShown() {
    for (const node of data.nodes) shown[node.id] = isShown(node) ? 1 : 0;
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function button(text, onClick) {
    const b = el("button", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function relationLabel(code) {
    const rel = relationByCode.get(code);
    return rel ? rel.label_zh : code;
  }

  function edgeLabel(edge) {
    const years = edge.years.length ? " " + edge.years.join("、") : "";
    return relationLabel(edge.relation) + years;
  }

  function tooltip(lines) {
    const box = el("div", null, "kg-tooltip");
    lines.forEach((line, i) => {
      if (line) box.appendChild(el(i === 0 ? "strong" : "div", line));
    });
    return box;
  }

  function nodeTooltip(id) {
    const node = nodeById.get(id);
    const type = typeByCode.get(node.type);
    return tooltip([
      node.label,
      node.label_en,
      type.label_zh + " / " + type.label_en,
      node.aliases.length ? "别名: " + node.aliases.join("、") : "",
      "提及 " + node.mentions + " 次 · " + node.documents + " 篇文档 · " + node.degree + " 条关系",
    ]);
  }

  function edgeTooltip(id) {
    const edge = edgeById.get(id);
    const rel = relationByCode.get(edge.relation);
    return tooltip([
      nodeById.get(edge.from).label + " → " + relationLabel(edge.relation) + " → " + nodeById.get(edge.to).label,
      edge.relation + (rel ? " (" + rel.label_en + ")" : ""),
      "置信度 confidence " + edge.confidence + " · 证据 " + edge.evidence.length,
    ]);
  }

  // ---- network -------------------------------------------------------------
  const large = data.layout === "python";
  const nodes = new vis.DataSet(
    data.nodes.map((n) => {
      const type = typeByCode.get(n.type);
      const item = {
        id: n.id,
        label: n.label,
        shape: type.shape,
        size: n.size,
        color: { background: type.color, border: type.color, highlight: { background: type.color, border: "#1f2328" } },
        kgType: n.type,
      };
      if (n.x !== undefined) {
        item.x = n.x;
        item.y = n.y;
      }
      return item;
    }),
  );
  const edges = new vis.DataSet(
    data.edges.map((e) => {
      const rel = relationByCode.get(e.relation);
      return {
        id: e.id,
        from: e.from,
        to: e.to,
        label: edgeLabel(e),
        arrows: rel && rel.symmetric ? "" : "to",
        width: Math.min(6, 1 + Math.log2(e.evidence.length)),
        kgRelation: e.relation,
      };
    }),
  );
  computeShown();
  const nodesView = new vis.DataView(nodes, { filter: (n) => shown[n.id] === 1 });
  const edgesView = new vis.DataView(edges, {
    filter: (e) => !hiddenRelations.has(e.kgRelation) && shown[e.from] === 1 && shown[e.to] === 1,
  });

  // One font stack, the page's (view.css), names the common CJK fonts for the canvas too.
  const face = getComputedStyle(document.body).fontFamily;
  const container = document.getElementById("kg-network");
  const network = new vis.Network(
    container,
    { nodes: nodesView, edges: edgesView },
    {
      autoResize: true,
      layout: { randomSeed: 42, improvedLayout: nodesView.length <= 200 },
      physics: {
        enabled: data.physics,
        solver: "forceAtlas2Based",
        forceAtlas2Based: { gravitationalConstant: -60, springLength: 120, avoidOverlap: 0.3 },
        stabilization: { iterations: 300, fit: true },
      },
      interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: large },
      nodes: { font: { size: FONT_PX, face: face }, borderWidth: 1 },
      edges: {
        color: { color: "#9aa4ae", highlight: "#1f2328", hover: "#59636e" },
        font: { size: 12, face: face, align: "middle", color: "#59636e", strokeWidth: 3 },
        scaling: { label: { drawThreshold: READABLE_PX - 1 } }, // relation labels show once they are readable too
        smooth: large ? false : { type: "continuous" },
      },
    },
  );
  // The one global: a handle for scripts and browser tests that drive the page (read-only by convention).
  window.kgView = Object.freeze({ network, nodes, edges, nodesView, edgesView });

  // Tooltips are built when the pointer first rests on an item, not for every item of a large graph at load.
  network.on("hoverNode", (params) => {
    if (!nodes.get(params.node).title) nodes.update({ id: params.node, title: nodeTooltip(params.node) });
  });
  network.on("hoverEdge", (params) => {
    if (!edges.get(params.edge).title) edges.update({ id: params.edge, title: edgeTooltip(params.edge) });
  });

  // Fit what is shown, but never so far out that labels cannot be read: the reader pans to the rest.
  function readableFit() {
    network.fit({ animation: false });
    const readable = READABLE_PX / FONT_PX;
    if (network.getScale() < readable) network.moveTo({ scale: readable, animation: false });
  }

  // ---- header and overview controls -------------------------------------------------
  const number = (n) => n.toLocaleString("en-US");
  document.getElementById("kg-stats").textContent =
    data.nodes.length + " 实体 entities · " + data.edges.length + " 关系 relations · " +
    Object.keys(data.documents).length + " 文档 documents";
  document.getElementById("kg-layout-note").textContent = large
    ? "大图：布局已预先计算，物理模拟默认关闭。Large graph: positions precomputed, physics off."
    : "";
  const physicsBox = document.getElementById("kg-physics");
  physicsBox.checked = data.physics;
  physicsBox.addEventListener("change", () => {
    network.setOptions({ physics: { enabled: physicsBox.checked } });
  });

  const shownLine = document.getElementById("kg-shown");

  function refresh() {
    computeShown();
    nodesView.refresh();
    edgesView.refresh();
    shownLine.textContent = "显示 shown: " + number(nodesView.length) + " / " + number(data.nodes.length) +
      " 实体 · " + number(edgesView.length) + " / " + number(data.edges.length) + " 关系";
  }

  function slider(id, values, initial, set) {
    const input = document.getElementById(id);
    const output = document.getElementById(id + "-value");
    input.max = String(Math.max(0, values.length - 1));
    input.value = String(Math.max(0, values.indexOf(initial)));
    input.disabled = values.length < 2;
    output.textContent = String(initial);
    input.addEventListener("input", () => {
      const value = values[Number(input.value)];
      output.textContent = String(value);
      set(value);
      leaveFocus();
      refresh();
    });
  }

  slider("kg-min-degree", degreeSteps, show.minDegree, (v) => { show.minDegree = v; });
  slider("kg-min-mentions", mentionSteps, show.minMentions, (v) => { show.minMentions = v; });
  const isolatedBox = document.getElementById("kg-isolated");
  isolatedBox.checked = show.isolated;
  document.getElementById("kg-isolated-count").textContent = number(data.nodes.filter((n) => n.degree === 0).length);
  isolatedBox.addEventListener("change", () => {
    show.isolated = isolatedBox.checked;
    leaveFocus();
    refresh();
  });
  document.getElementById("kg-fit").addEventListener("click", () => network.fit({ animation: false }));

  // ---- filters and legend ----------------------------------------------------
  function countBy(items, key) {
    const counts = new Map();
    for (const item of items) counts.set(item[key], (counts.get(item[key]) || 0) + 1);
    return counts;
  }

  const typeBoxes = new Map();

  function filterRow(hidden, code, text, title, count, swatch) {
    const label = el("label");
    label.title = title;
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    if (hidden === hiddenTypes) typeBoxes.set(code, box);
    box.addEventListener("change", () => {
      if (box.checked) hidden.delete(code);
      else hidden.add(code);
      if (show.focus) focusOn(show.focus.id, show.focus.depth);
      else refresh();
    });
    label.appendChild(box);
    if (swatch) label.appendChild(swatch);
    label.appendChild(el("span", text));
    label.appendChild(el("span", count, "kg-count"));
    return label;
  }

  const typeCounts = countBy(data.nodes, "type");
  const typeFilters = document.getElementById("kg-type-filters");
  for (const type of data.types) {
    const swatch = el("span", null, "kg-swatch kg-" + type.shape);
    swatch.style.background = type.color;
    const text = type.label_zh + " " + type.label_en;
    typeFilters.appendChild(
      filterRow(hiddenTypes, type.code, text, type.code + ": " + type.comment, typeCounts.get(type.code) || 0, swatch),
    );
  }
  const relationCounts = countBy(data.edges, "relation");
  const relationFilters = document.getElementById("kg-relation-filters");
  for (const rel of data.relations) {
    const text = rel.label_zh + " " + rel.label_en;
    relationFilters.appendChild(
      filterRow(hiddenRelations, rel.code, text, rel.code + ": " + rel.comment, relationCounts.get(rel.code) || 0),
    );
  }

  function showType(code) {
    if (!hiddenTypes.delete(code)) return;
    typeBoxes.get(code).checked = true;
  }

  // ---- neighbourhood -------------------------------------------------------------
  // Breadth-first over the relations shown, edges taken both ways: the same nodes as networkx's ego_graph of the
  // undirected graph. Its picture is radial: the entity in the centre, one ring per step, each node near its parent.
  const focusName = document.getElementById("kg-focus-name");
  const depthInput = document.getElementById("kg-depth");
  const exitButton = document.getElementById("kg-focus-exit");

  function neighbours(id) {
    const out = [];
    for (const edge of edgesOfNode.get(id)) {
      if (hiddenRelations.has(edge.relation)) continue;
      const other = edge.from === id ? edge.to : edge.from;
      if (!hiddenTypes.has(nodeById.get(other).type)) out.push(other);
    }
    return out;
  }

  function radialLayout(center, depth) {
    const parent = new Map([[center, null]]);
    const rings = [[center]];
    for (let d = 1; d <= depth && rings[d - 1].length; d++) {
      rings.push([]);
      for (const id of rings[d - 1]) {
        for (const other of neighbours(id)) {
          if (parent.has(other)) continue;
          parent.set(other, id);
          rings[d].push(other);
        }
      }
    }
    const angle = new Map([[center, 0]]);
    const positions = [{ id: center, x: 0, y: 0 }];
    let radius = 0;
    for (const ring of rings.slice(1)) {
      if (!ring.length) break;
      ring.sort((a, b) => angle.get(parent.get(a)) - angle.get(parent.get(b)) || a - b);
      radius = Math.max(radius + RING_GAP, (ring.length * RING_SPACING) / (2 * Math.PI));
      ring.forEach((id, i) => {
        const a = (2 * Math.PI * i) / ring.length;
        angle.set(id, a);
        positions.push({ id: id, x: Math.round(radius * Math.cos(a)), y: Math.round(radius * Math.sin(a)) });
      });
    }
    return positions;
  }

  function focusOn(id, depth) {
    showType(nodeById.get(id).type);
    revealed.clear();
    const positions = radialLayout(id, depth);
    nodes.update(positions);
    show.focus = { id: id, depth: depth, members: new Set(positions.map((p) => p.id)) };
    focusName.textContent = nodeById.get(id).label + " · " + (positions.length - 1) + " 个邻居 neighbours";
    focusName.className = "";
    depthInput.value = String(depth);
    exitButton.disabled = false;
    refresh();
    readableFit();
    network.selectNodes([id]);
    showNode(id);
  }

  function leaveFocus() {
    if (!show.focus) return;
    const members = show.focus.members;
    show.focus = null;
    exitButton.disabled = true;
    focusName.textContent = "选中实体后点击“邻域”。Select an entity, then Neighbourhood.";
    focusName.className = "kg-hint";
    if (large) nodes.update([...members].map((id) => ({ id: id, x: nodeById.get(id).x, y: nodeById.get(id).y })));
  }

  depthInput.addEventListener("change", () => {
    const depth = Math.max(1, Math.floor(Number(depthInput.value)) || 1);
    if (show.focus) focusOn(show.focus.id, depth);
  });
  exitButton.addEventListener("click", () => {
    leaveFocus();
    revealed.clear();
    refresh();
    readableFit();
  });

  function reveal(ids) {
    for (const id of ids) if (!shown[id]) revealed.add(id);
    refresh();
  }

  // ---- side panel --------------------------------------------------------------
  const panel = document.getElementById("kg-panel");

  function documentLine(ev) {
    const doc = data.documents[ev.document] || {};
    const parts = [];
    if (doc.title) parts.push("《" + doc.title + "》");
    if (doc.date) parts.push(doc.date);
    parts.push(ev.document);
    if (ev.year !== null) parts.push("年份 " + ev.year);
    parts.push(ev.rule + " · " + ev.confidence);
    return parts.join(" · ");
  }

  function evidenceList(edge) {
    const list = el("ol");
    for (const ev of edge.evidence) {
      const item = el("li");
      item.appendChild(el("blockquote", ev.sentence));
      item.appendChild(el("div", documentLine(ev), "kg-source"));
      list.appendChild(item);
    }
    return list;
  }

  // A node's figures: what is measured, the figure as the text writes it, when it holds, and the sentence.
  function figureList(node) {
    const box = el("div");
    box.appendChild(el("h3", "数据 Figures (" + node.figures.length + ")"));
    const list = el("ol");
    for (const f of node.figures) {
      const item = el("li");
      const head = el("div", null, "kg-relation-head");
      head.appendChild(el("span", f.property + "：" + f.text));
      if (f.object !== null) {
        head.appendChild(el("span", " → "));
        head.appendChild(nodeLink(f.object));
      }
      item.appendChild(head);
      const when = f.time ? (f.time_text ? f.time_text + " (" + f.time + ")" : f.time) : "时间未详 no time";
      item.appendChild(el("div", when + " · " + f.value + (f.upper !== null ? "–" + f.upper : "") + " " + f.unit,
        "kg-source"));
      item.appendChild(el("blockquote", f.sentence));
      item.appendChild(el("div", documentLine(f), "kg-source"));
      list.appendChild(item);
    }
    box.appendChild(list);
    return box;
  }

  function nodeLink(id) {
    const link = button(nodeById.get(id).label, () => selectNode(id));
    link.className = "kg-link";
    return link;
  }

  function relationBox(edge, fromNode) {
    const box = el("div", null, "kg-relation");
    const head = el("div", null, "kg-relation-head");
    const rel = relationByCode.get(edge.relation);
    const arrow = rel && rel.symmetric ? " ↔ " : " → ";
    head.appendChild(fromNode === edge.from ? el("span", nodeById.get(edge.from).label) : nodeLink(edge.from));
    head.appendChild(el("span", arrow + relationLabel(edge.relation) + arrow));
    head.appendChild(fromNode === edge.to ? el("span", nodeById.get(edge.to).label) : nodeLink(edge.to));
    head.title = edge.relation;
    box.appendChild(head);
    const years = edge.years.length ? "年份 " + edge.years.join("、") + " · " : "";
    box.appendChild(el("div", years + edge.relation + " · 置信度 " + edge.confidence, "kg-source"));
    box.appendChild(evidenceList(edge));
    return box;
  }

  function showNode(id) {
    const node = nodeById.get(id);
    const type = typeByCode.get(node.type);
    panel.replaceChildren();
    panel.appendChild(el("h2", node.label));
    if (node.label_en) panel.appendChild(el("p", node.label_en, "kg-sub"));
    panel.appendChild(el("p", type.label_zh + " / " + type.label_en + " · 提及 " + node.mentions + " 次 · " +
      node.documents + " 篇文档", "kg-sub"));
    const actions = el("div", null, "kg-actions");
    actions.appendChild(button("邻域 Neighbourhood", () => focusOn(id, Math.max(1, Number(depthInput.value) || 1))));
    const hidden = neighbours(id).filter((other) => !shown[other]);
    if (hidden.length) {
      actions.appendChild(button("显示 " + hidden.length + " 个邻居 Show neighbours", () => {
        reveal(hidden);
        showNode(id);
      }));
    }
    panel.appendChild(actions);
    if (node.aliases.length) {
      panel.appendChild(el("h3", "别名 Aliases"));
      panel.appendChild(el("p", node.aliases.join("、")));
    }
    if (node.figures) panel.appendChild(figureList(node));
    const related = edgesOfNode.get(id).slice().sort((a, b) =>
      a.relation === b.relation ? a.id - b.id : (a.relation < b.relation ? -1 : 1));
    panel.appendChild(el("h3", "关系 Relations (" + related.length + ")"));
    for (const edge of related) panel.appendChild(relationBox(edge, id));
    panel.scrollTop = 0;
  }

  function showEdge(id) {
    const edge = edgeById.get(id);
    panel.replaceChildren();
    panel.appendChild(el("h2", relationLabel(edge.relation)));
    panel.appendChild(relationBox(edge, null));
    panel.scrollTop = 0;
  }

  function selectNode(id) {
    showType(nodeById.get(id).type);
    reveal([id]);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 400 } });
    showNode(id);
  }

  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // ---- search ------------------------------------------------------------------
  // Close to kg.model.normalize_name: width-folded, case-folded, without spaces and punctuation.
  function normalize(text) {
    return text.normalize("NFKC").toLowerCase().replace(/[\s\p{P}]/gu, "");
  }

  let searchIndex = null; // built on the first search, not at load

  function index() {
    if (searchIndex === null) {
      searchIndex = data.nodes.map((n) => ({
        id: n.id,
        names: [n.label, n.label_en, ...n.aliases].filter(Boolean).map((name) => [name, normalize(name)]),
      }));
    }
    return searchIndex;
  }

  function search(query) {
    const q = normalize(query);
    if (!q) return [];
    const hits = [];
    for (const entry of index()) {
      let best = null;
      for (const [name, key] of entry.names) {
        const rank = key === q ? 0 : key.startsWith(q) ? 1 : key.includes(q) ? 2 : 3;
        if (rank < 3 && (best === null || rank < best.rank)) best = { rank: rank, name: name };
      }
      if (best) hits.push({ id: entry.id, rank: best.rank, name: best.name });
    }
    hits.sort((a, b) => a.rank - b.rank || nodeById.get(b.id).mentions - nodeById.get(a.id).mentions || a.id - b.id);
    return hits.slice(0, 15);
  }

  const input = document.getElementById("kg-search");
  const results = document.getElementById("kg-results");
  let hits = [];
  let active = 0;

  function renderResults() {
    results.replaceChildren();
    hits.forEach((hit, i) => {
      const node = nodeById.get(hit.id);
      const item = el("li", node.label, i === active ? "kg-active" : "");
      if (hit.name !== node.label) item.appendChild(el("span", hit.name, "kg-match"));
      item.addEventListener("mousedown", (event) => {
        event.preventDefault();
        pick(i);
      });
      results.appendChild(item);
    });
    results.hidden = hits.length === 0;
  }

  function pick(i) {
    const hit = hits[i];
    if (!hit) return;
    input.value = nodeById.get(hit.id).label;
    hits = [];
    renderResults();
    selectNode(hit.id);
  }

  input.addEventListener("input", () => {
    hits = search(input.value);
    active = 0;
    renderResults();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      pick(active);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (hits.length) active = (active + (event.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      renderResults();
    } else if (event.key === "Escape") {
      hits = [];
      renderResults();
    }
  });
  input.addEventListener("blur", () => {
    hits = [];
    renderResults();
  });

  // ---- start -----------------------------------------------------------------------
  // `#focus=NAME&depth=N` (what `kg view --focus NAME --depth N` opens) starts from a neighbourhood.
  refresh();
  const start = new URLSearchParams(location.hash.slice(1));
  const wanted = start.get("focus");
  if (wanted) {
    const hit = search(wanted).find((h) => h.rank === 0);
    if (hit) focusOn(hit.id, Math.max(1, Math.floor(Number(start.get("depth"))) || 2));
    else panel.replaceChildren(el("p", "没有名为“" + wanted + "”的实体。No entity is named " + wanted + ".", "kg-hint"));
  }
  if (!show.focus) {
    if (data.physics) network.once("stabilizationIterationsDone", readableFit);
    else readableFit();
  }
})();
