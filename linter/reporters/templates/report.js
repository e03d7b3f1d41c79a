"use strict";
(function () {
  const ruleDocs = JSON.parse(document.getElementById("rule-docs").textContent);
  const panel = document.getElementById("panel");
  const panelBody = panel.querySelector(".panel-body");
  let current = null;

  function render(section) {
    const data = section.querySelector("script.article-data");
    if (!data) return;
    section.innerHTML = JSON.parse(data.textContent);
    applyFilters(section);
  }

  function renderFor(id) {
    const match = /^a(\d+)/.exec(id);
    const section = match && document.getElementById("a" + match[1]);
    if (section) render(section);
    return document.getElementById(id);
  }

  function wanted() {
    const sets = { cat: new Set(), sev: new Set(), rule: new Set() };
    document.querySelectorAll("input[data-filter]:checked").forEach((box) => sets[box.dataset.filter].add(box.value));
    const select = document.querySelector("select[data-filter]");
    if (select) Array.from(select.selectedOptions).forEach((option) => sets.rule.add(option.value));
    return sets;
  }

  function kind(mark, prefix) {
    const name = Array.from(mark.classList).find((c) => c.startsWith(prefix));
    return name ? name.slice(prefix.length) : "";
  }

  function applyFilters(root) {
    const sets = wanted();
    root.querySelectorAll("mark.hl").forEach((mark) => {
      const on = sets.cat.has(kind(mark, "c-")) && sets.sev.has(kind(mark, "s-")) && sets.rule.has(mark.dataset.rule);
      mark.classList.toggle("off", !on);
      if (mark.hasAttribute("id")) mark.tabIndex = on ? 0 : -1;
    });
    root.querySelectorAll("li[data-cat]").forEach((item) => {
      const on = sets.cat.has(item.dataset.cat) && sets.sev.has(item.dataset.sev) && sets.rule.has(item.dataset.rule);
      item.classList.toggle("off", !on);
    });
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function goTo(mark) {
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  }

  function describe(id) {
    const item = document.getElementById(id + "-d");
    const box = element("div", "finding");
    if (!item) return box;
    const rule = item.dataset.rule;
    const head = element("div");
    head.append(element("span", "sev s-" + item.dataset.sev, item.dataset.sev), " ",
      element("span", "swatch c-" + item.dataset.cat), item.dataset.cat + " ", element("code", "", rule),
      " line " + item.querySelector(".where").textContent);
    box.append(head, element("p", "message", item.querySelector(".message").textContent));
    const suggestion = item.querySelector(".suggestion");
    if (suggestion) box.append(element("p", "suggestion", suggestion.textContent));
    const doc = ruleDocs[rule];
    if (doc) {
      const details = element("details", "doc");
      const more = element("a", "rule-link", "The rule's documentation");
      more.href = "#rule-" + rule;
      const moreLine = element("p");
      moreLine.append(more);
      details.append(element("summary", "", doc.summary), element("p", "", doc.description), moreLine);
      box.append(details);
    }
    const section = item.closest("section");
    const parts = section.querySelectorAll('mark.hl[data-f="' + id + '"]');
    const related = Array.from(section.querySelectorAll("li[data-group]")).filter(
      (other) => other !== item && other.dataset.group === item.dataset.group);
    const links = element("p", "links");
    if (parts.length > 1) {
      links.append(parts.length + " marks: ");
      parts.forEach((part, n) => {
        const button = element("button", "", String(n + 1));
        button.type = "button";
        button.addEventListener("click", () => part.scrollIntoView({ block: "center" }));
        links.append(button);
        part.classList.add("related");
      });
    }
    if (related.length) {
      links.append(related.length + " more with the same message: ");
      related.forEach((other) => {
        const button = element("button", "", other.querySelector(".where").textContent);
        button.type = "button";
        button.addEventListener("click", () => goTo(document.getElementById(other.dataset.for)));
        links.append(button);
        section.querySelectorAll('mark.hl[data-f="' + other.dataset.for + '"]').forEach((m) => m.classList.add("related"));
      });
    }
    if (links.childNodes.length) box.append(links);
    return box;
  }

  function show(mark) {
    document.querySelectorAll("mark.current, mark.related, li.current").forEach((node) =>
      node.classList.remove("current", "related"));
    const ids = [];
    for (let m = mark; m && m.matches && m.matches("mark.hl"); m = m.parentElement) {
      if (!m.classList.contains("off") && !ids.includes(m.dataset.f)) ids.push(m.dataset.f);
    }
    if (!ids.length) return;
    current = document.getElementById(ids[0]) || mark;
    panelBody.replaceChildren(...ids.map(describe));
    ids.forEach((id) => {
      document.querySelectorAll('mark.hl[data-f="' + id + '"]').forEach((m) => m.classList.add("current"));
      const item = document.getElementById(id + "-d");
      if (item) item.classList.add("current");
    });
    panel.hidden = false;
  }

  function step(delta) {
    const marks = Array.from(document.querySelectorAll("mark.hl[id]:not(.off)"));
    if (!marks.length) return;
    let i = marks.indexOf(current);
    i = i < 0 ? (delta > 0 ? 0 : marks.length - 1) : (i + delta + marks.length) % marks.length;
    goTo(marks[i]);
    show(marks[i]);
  }

  document.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.hl");
    if (mark && !mark.classList.contains("off")) show(mark);
  });
  document.addEventListener("focusin", (event) => {
    if (event.target.matches && event.target.matches("mark.hl")) show(event.target);
  });
  document.addEventListener("keydown", (event) => {
    if (event.target.closest && event.target.closest("input, select, textarea")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "n" || event.key === "j") step(1);
    else if (event.key === "p" || event.key === "k") step(-1);
    else if (event.key === "Escape") panel.hidden = true;
  });
  panel.querySelector(".close").addEventListener("click", () => { panel.hidden = true; });
  document.querySelectorAll("[data-filter]").forEach((control) =>
    control.addEventListener("change", () => applyFilters(document)));

  function openHash() {
    const id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    const target = renderFor(id);
    if (target) target.scrollIntoView();
  }
  window.addEventListener("hashchange", openHash);
  openHash();

  const lazy = document.querySelectorAll("section.article script.article-data");
  if (lazy.length && "IntersectionObserver" in window) {
    const observer = new IntersectionObserver((entries) => entries.forEach((entry) => {
      if (entry.isIntersecting) { observer.unobserve(entry.target); render(entry.target); }
    }), { rootMargin: "300px" });
    lazy.forEach((data) => observer.observe(data.parentElement));
  }

  document.querySelectorAll("table.sortable th").forEach((th, column) => th.addEventListener("click", () => {
    const body = th.closest("table").tBodies[0];
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    th.parentElement.querySelectorAll("th").forEach((other) => other.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const numeric = th.dataset.type === "number";
    const value = (row) => {
      const text = row.cells[column].textContent.trim();
      return numeric ? (text === "" ? -1 : parseFloat(text)) : text;
    };
    const keyed = Array.from(body.rows, (row) => [value(row), row]);
    keyed.sort(([x], [y]) => {
      const order = numeric ? x - y : x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    const sorted = document.createDocumentFragment();
    keyed.forEach(([, row]) => sorted.append(row));
    body.append(sorted);
  }));
})();
