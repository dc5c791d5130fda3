/* dossier.html behaviour. The page is complete without this script; it only adds the outlet
   filter, evidence pop-ups and highlights. It never builds markup from strings: evidence is
   cloned from the article view, and text is set through textContent. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  /* outlet filter */
  var buttons = Array.prototype.slice.call(document.querySelectorAll(".filter button[data-filter]"));
  function applyFilter(key) {
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-filter") === key)); });
    document.querySelectorAll("[data-o]").forEach(function (el) {
      var keys = (el.getAttribute("data-o") || "").split(" ");
      el.classList.toggle("out", key !== "all" && keys.indexOf(key) < 0);
    });
    document.querySelectorAll("[data-col]").forEach(function (el) {
      el.classList.toggle("colhl", key !== "all" && el.getAttribute("data-col") === key);
    });
    document.querySelectorAll(".figures a[data-per]").forEach(function (link) {
      var shown = link.getAttribute("data-total");
      if (key !== "all") {
        (link.getAttribute("data-per") || "").split(" ").forEach(function (pair) {
          var parts = pair.split(":");
          if (parts[0] === key) { shown = parts[1]; }
        });
      }
      link.querySelector("b").textContent = shown;
      link.classList.toggle("changed", key !== "all");
    });
    var status = document.getElementById("filter-status");
    if (status) {
      var label = key === "all" ? "" : (document.querySelector('.filter button[data-filter="' + key + '"]') || {}).textContent;
      status.textContent = key === "all" ? "Showing every outlet." : "Dimmed: what " + label + " does not report; counts are " + label + "'s own.";
    }
  }
  buttons.forEach(function (b) {
    b.addEventListener("click", function () { applyFilter(b.getAttribute("data-filter")); });
  });

  /* wide tables: say so when one is wider than its box */
  function hintWide() {
    document.querySelectorAll(".scroll-hint").forEach(function (hint) {
      var box = hint.nextElementSibling;
      hint.hidden = !(box && box.scrollWidth > box.clientWidth + 2);
    });
  }
  hintWide();
  window.addEventListener("resize", hintWide);

  /* evidence: highlight the cited span in the article view, and show it in a pop-up */
  var pop = document.getElementById("pop");
  var lit = [];
  function segments(articleId, start, end) {
    var view = document.getElementById("art-" + articleId);
    if (!view) { return []; }
    return Array.prototype.filter.call(view.querySelectorAll("[data-s]"), function (seg) {
      var s = Number(seg.getAttribute("data-s")), e = Number(seg.getAttribute("data-e"));
      return s >= start && e <= end && e > s;
    });
  }
  function highlight(segs) {
    lit.forEach(function (seg) { seg.classList.remove("hl"); });
    lit = segs;
    lit.forEach(function (seg) { seg.classList.add("hl"); });
  }
  function closePop() {
    if (pop) { pop.hidden = true; }
  }
  function openPop(link) {
    var articleId = link.getAttribute("data-a");
    var start = Number(link.getAttribute("data-s")), end = Number(link.getAttribute("data-e"));
    var segs = segments(articleId, start, end);
    highlight(segs);
    if (!pop) { return false; }
    var body = pop.querySelector(".pop-body");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    var head = document.createElement("p");
    var badge = link.cloneNode(true);
    badge.removeAttribute("href");
    badge.removeAttribute("id");
    head.appendChild(badge);
    var outlet = document.querySelector("#art-" + articleId + " .art-outlet");
    head.appendChild(document.createTextNode(" " + (outlet ? outlet.textContent : "")));
    body.appendChild(head);
    var quote = document.createElement("blockquote");
    quote.className = link.className.replace("cite", "").trim();
    segs.forEach(function (seg) { quote.appendChild(document.createTextNode(seg.textContent)); });
    if (!segs.length) { quote.appendChild(document.createTextNode("(span not shown in the article view)")); }
    body.appendChild(quote);
    var more = document.createElement("a");
    more.setAttribute("href", link.getAttribute("href"));
    more.textContent = "Read it in the article \u2192";
    more.addEventListener("click", closePop);
    body.appendChild(more);
    pop.hidden = false;
    pop.querySelector(".close").focus({ preventScroll: true });
    return true;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.cite") : null;
    if (link && !link.closest(".pop")) {
      if (openPop(link)) { event.preventDefault(); }
      return;
    }
    if (pop && !pop.hidden && !event.target.closest(".pop")) { closePop(); }
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { closePop(); } });
  if (pop) { pop.querySelector(".close").addEventListener("click", closePop); }
})();
