// The view's behaviour. Every string from the graph is article text and untrusted:
// it reaches the DOM through textContent only, and vis-network draws labels on a canvas.
(function () {
  "use strict";

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
  const hiddenTypes = new Set();
  const hiddenRelations = new Set();

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
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

  function nodeTooltip(node) {
    const type = typeByCode.get(node.type);
    return tooltip([
      node.label,
      node.label_en,
      type.label_zh + " / " + type.label_en,
      node.aliases.length ? "别名: " + node.aliases.join("、") : "",
      "提及 " + node.mentions + " 次 · " + node.documents + " 篇文档",
    ]);
  }

  function edgeTooltip(edge) {
    const rel = relationByCode.get(edge.relation);
    return tooltip([
      nodeById.get(edge.from).label + " → " + relationLabel(edge.relation) + " → " + nodeById.get(edge.to).label,
      edge.relation + (rel ? " (" + rel.label_en + ")" : ""),
      "置信度 confidence " + edge.confidence + " · 证据 " + edge.evidence.length,
    ]);
  }

  // ---- network -------------------------------------------------------------
  const nodes = new vis.DataSet(
    data.nodes.map((n) => {
      const type = typeByCode.get(n.type);
      const item = {
        id: n.id,
        label: n.label,
        title: nodeTooltip(n),
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
        title: edgeTooltip(e),
        arrows: rel && rel.symmetric ? "" : "to",
        width: Math.min(6, 1 + Math.log2(e.evidence.length)),
        kgRelation: e.relation,
      };
    }),
  );
  const visibleNode = (id) => !hiddenTypes.has(nodeById.get(id).type);
  const nodesView = new vis.DataView(nodes, { filter: (n) => !hiddenTypes.has(n.kgType) });
  const edgesView = new vis.DataView(edges, {
    filter: (e) => !hiddenRelations.has(e.kgRelation) && visibleNode(e.from) && visibleNode(e.to),
  });

  const container = document.getElementById("kg-network");
  const network = new vis.Network(
    container,
    { nodes: nodesView, edges: edgesView },
    {
      autoResize: true,
      layout: { randomSeed: 42, improvedLayout: data.nodes.length <= 200 },
      physics: {
        enabled: data.physics,
        solver: "forceAtlas2Based",
        forceAtlas2Based: { gravitationalConstant: -60, springLength: 120, avoidOverlap: 0.3 },
        stabilization: { iterations: 300, fit: true },
      },
      interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: data.nodes.length > 500 },
      nodes: { font: { size: 14, face: "system-ui, sans-serif" }, borderWidth: 1 },
      edges: {
        color: { color: "#9aa4ae", highlight: "#1f2328", hover: "#59636e" },
        font: { size: 11, align: "middle", color: "#59636e", strokeWidth: 3 },
        smooth: data.nodes.length > 500 ? false : { type: "continuous" },
      },
    },
  );
  // The one global: a handle for scripts and browser tests that drive the page (read-only by convention).
  window.kgView = Object.freeze({ network, nodes, edges, nodesView, edgesView });

  // ---- header and layout note ------------------------------------------------
  document.getElementById("kg-stats").textContent =
    data.nodes.length + " 实体 entities · " + data.edges.length + " 关系 relations · " +
    Object.keys(data.documents).length + " 文档 documents";
  document.getElementById("kg-layout-note").textContent = data.layout === "python"
    ? "大图：布局已预先计算，物理模拟默认关闭。Large graph: positions precomputed, physics off."
    : "";
  const physicsBox = document.getElementById("kg-physics");
  physicsBox.checked = data.physics;
  physicsBox.addEventListener("change", () => {
    network.setOptions({ physics: { enabled: physicsBox.checked } });
  });

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
      nodesView.refresh();
      edgesView.refresh();
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
    nodesView.refresh();
    edgesView.refresh();
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

  function nodeLink(id) {
    const button = el("button", nodeById.get(id).label, "kg-link");
    button.type = "button";
    button.addEventListener("click", () => selectNode(id));
    return button;
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
    if (node.aliases.length) {
      panel.appendChild(el("h3", "别名 Aliases"));
      panel.appendChild(el("p", node.aliases.join("、")));
    }
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

  const searchIndex = data.nodes.map((n) => ({
    id: n.id,
    names: [n.label, n.label_en, ...n.aliases].filter(Boolean).map((name) => [name, normalize(name)]),
  }));

  function search(query) {
    const q = normalize(query);
    if (!q) return [];
    const hits = [];
    for (const entry of searchIndex) {
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
})();
