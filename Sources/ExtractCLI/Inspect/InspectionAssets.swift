/// The style sheet and script written inline into every inspection page (the page loads
/// nothing: no network, no files beside it).
enum InspectionAssets {
    static let style = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    html, body { margin: 0; height: 100%; }
    body { font: 14px/1.45 system-ui, sans-serif; color: #1d232a; background: #fff; display: grid;
      grid-template-rows: auto minmax(0, 1fr); grid-template-columns: minmax(0, 1fr) 460px; height: 100vh; }
    body > header { grid-column: 1 / 3; padding: 8px 14px; border-bottom: 1px solid #d0d7de; background: #f6f8fa; }
    header h1 { font-size: 15px; margin: 0; font-weight: 600; overflow-wrap: anywhere; }
    header p { margin: 2px 0 0; color: #57606a; font-size: 12.5px; }
    header .rejected { color: #a40e26; font-weight: 600; }
    #page { overflow: auto; font: 12.5px/1.55 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding: 6px 0 40px; }
    .line { display: grid; grid-template-columns: 4.5em minmax(0, 1fr) auto; border-left: 4px solid transparent; }
    .line.band { border-left-color: hsl(var(--b) 55% 55%); background: hsl(var(--b) 60% 96%); }
    #page [id] { scroll-margin-top: 30vh; }
    .ln { color: #8c959f; text-align: right; padding-right: 10px; user-select: none; }
    .src { white-space: pre-wrap; overflow-wrap: anywhere; min-height: 1.55em; }
    .band-label { font: 600 11px/1.6 system-ui, sans-serif; color: #fff; background: hsl(var(--b) 50% 42%);
      border-radius: 3px; padding: 0 6px; margin: 1px 8px 0 6px; align-self: start; white-space: nowrap; }
    .m { background: hsl(var(--h) 90% 83%); border-radius: 2px; cursor: pointer; }
    .m.odd { background: hsl(var(--h) 70% 71%); }
    .m.between { background: hsl(var(--h) 80% 93%); }
    .m.nested { box-shadow: inset 0 -2px 0 hsl(var(--h) 60% 45%); }
    .m.active { background: hsl(var(--h) 95% 66%); outline: 1px solid hsl(var(--h) 70% 35%); }
    .diag { text-decoration: underline wavy #cf222e; text-decoration-skip-ink: none; cursor: pointer; }
    .pin { cursor: pointer; }
    .pin.empty::before { content: "\\25C6"; color: hsl(var(--h) 70% 40%); }
    .pin.problem::before { content: "\\26A0"; color: #cf222e; font: 11px system-ui, sans-serif; }
    aside { overflow: auto; border-left: 1px solid #d0d7de; padding: 0 12px 24px; background: #fbfcfd; }
    aside h2 { font-size: 12px; margin: 14px 0 6px; text-transform: uppercase; letter-spacing: .05em; color: #57606a; }
    #selection { position: sticky; top: 0; z-index: 1; background: #fbfcfd; border-bottom: 1px solid #d0d7de;
      padding-bottom: 8px; max-height: 48vh; overflow: auto; }
    #selection .hint { color: #57606a; font-size: 12.5px; margin: 0; }
    .entry { border-left: 3px solid hsl(var(--h, 210) 60% 50%); padding: 2px 0 4px 8px; margin: 6px 0; }
    .entry.problem { border-left-color: #cf222e; }
    .entry-head { font-size: 12.5px; }
    .entry-head .sel-span, .entry-head .where { color: #57606a; }
    table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
    th, td { text-align: left; vertical-align: top; padding: 3px 4px; border-top: 1px solid #eaeef2; }
    th { font-weight: 600; }
    table.fields { table-layout: fixed; }
    table.fields th { width: 36%; overflow-wrap: anywhere; }
    table.fields .links { font-weight: 400; margin-top: 2px; }
    .swatch { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin-right: 5px;
      background: hsl(var(--h) 90% 70%); }
    tr.outside th { color: #57606a; font-weight: 500; }
    pre.value, pre.sel-value { margin: 0; max-height: 11em; overflow: auto; font: 11.5px/1.4 ui-monospace, monospace;
      white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border: 1px solid #eaeef2; padding: 2px 4px; }
    .links { white-space: normal; }
    .links a { margin-right: 4px; }
    .nospan { color: #8c959f; font-style: italic; }
    .code { font-family: ui-monospace, monospace; color: #a40e26; }
    ul.bodies { margin: 2px 0 4px; padding-left: 16px; }
    ul.bodies li.unresolved { color: #a40e26; }
    ul.candidates { margin: 0; padding-left: 16px; color: #57606a; }
    .mention { font-size: 12.5px; margin: 4px 0; }
    #tip { position: fixed; z-index: 10; max-width: 440px; background: #1d232a; color: #fff; font: 12px/1.4 system-ui, sans-serif;
      padding: 6px 8px; border-radius: 4px; pointer-events: none; white-space: pre-wrap; }
    """

    /// Reads the page's data (`#inspect-data`), shows the spans under the pointer in a tooltip and
    /// the ones clicked in the Selection panel, built with `textContent` only (values are never
    /// read as markup). With `?test` in the address it clicks every highlight and writes what the
    /// page showed into `#test-results`, for a test in a headless browser.
    static let script = """
    (function () {
      "use strict";
      var data = JSON.parse(document.getElementById("inspect-data").textContent);
      var page = document.getElementById("page");
      var selection = document.getElementById("selection-body");
      var tip = document.getElementById("tip");
      function ids(node, name) {
        return (node.getAttribute(name) || "").split(" ").filter(Boolean).map(Number);
      }
      function make(tag, className, text) {
        var node = document.createElement(tag);
        if (className) node.className = className;
        if (text !== undefined && text !== null) node.textContent = text;
        return node;
      }
      function link(href, text) {
        var a = make("a", null, text);
        a.href = href;
        return a;
      }
      function markName(mark) {
        if (mark.item !== null) return mark.field + "[" + mark.item + "]";
        return mark.kind === "list" ? mark.field + " (the list)" : mark.field;
      }
      function mentionNode(mention) {
        var box = make("div", "mention");
        box.append(make("div", null, mention.heading));
        var bodies = make("ul", "bodies");
        mention.bodies.forEach(function (body) {
          var item = make("li", body.resolved ? "resolved" : "unresolved", body.text);
          if (body.candidates.length) {
            var list = make("ul", "candidates");
            body.candidates.forEach(function (line) { list.append(make("li", null, line)); });
            item.append(list);
          }
          bodies.append(item);
        });
        box.append(bodies);
        return box;
      }
      function markEntry(mark) {
        var entry = make("div", "entry");
        entry.dataset.mark = mark.id;
        entry.style.setProperty("--h", mark.hue);
        var head = make("div", "entry-head");
        head.append(make("b", "sel-field", mark.field), " ");
        if (mark.item !== null) head.append(make("span", "sel-item", "item [" + mark.item + "]"), " ");
        if (mark.kind === "list") head.append(make("span", "sel-item", "the whole list"), " ");
        head.append(make("span", "sel-span", "bytes " + mark.span[0] + "\\u2013" + mark.span[1]), " ");
        head.append(link("#field-" + mark.fieldIndex, "in the table"));
        entry.append(head, make("pre", "sel-value", mark.value));
        mark.entities.forEach(function (mention) { entry.append(mentionNode(mention)); });
        return entry;
      }
      function diagnosticEntry(diagnostic) {
        var entry = make("div", "entry problem");
        entry.dataset.diagnostic = diagnostic.id;
        var head = make("div", "entry-head");
        head.append(make("b", "sel-code", diagnostic.code), " ");
        if (diagnostic.field !== null) head.append(make("span", "where", diagnostic.field), " ");
        if (diagnostic.span) head.append(make("span", "sel-span", "bytes " + diagnostic.span[0] + "\\u2013" + diagnostic.span[1]));
        entry.append(head, make("div", "sel-message", diagnostic.message));
        return entry;
      }
      function select(markIds, diagnosticIds) {
        page.querySelectorAll(".active").forEach(function (node) { node.classList.remove("active"); });
        selection.replaceChildren();
        var innermostFirst = markIds.slice().reverse();
        if (innermostFirst.length) {
          page.querySelectorAll('[data-m~="' + innermostFirst[0] + '"]').forEach(function (node) { node.classList.add("active"); });
        }
        innermostFirst.forEach(function (id) { selection.append(markEntry(data.marks[id])); });
        diagnosticIds.forEach(function (id) { selection.append(diagnosticEntry(data.diagnostics[id])); });
        if (!selection.childElementCount) selection.append(make("p", "hint", "Nothing here."));
      }
      function tipText(node) {
        var lines = ids(node, "data-m").reverse().map(function (id) {
          var mark = data.marks[id];
          var value = mark.value.replace(/\\s*\\n\\s*/g, " ");
          return markName(mark) + ": " + (value.length > 140 ? value.slice(0, 140) + "\\u2026" : value);
        });
        ids(node, "data-d").forEach(function (id) {
          var diagnostic = data.diagnostics[id];
          lines.push("\\u26A0 " + diagnostic.code + ": " + diagnostic.message);
        });
        return lines.join("\\n");
      }
      function spanNode(target) { return target.closest ? target.closest("[data-m],[data-d]") : null; }
      page.addEventListener("click", function (event) {
        var node = spanNode(event.target);
        if (node) select(ids(node, "data-m"), ids(node, "data-d"));
      });
      page.addEventListener("mouseover", function (event) {
        var node = spanNode(event.target);
        if (!node) { tip.hidden = true; return; }
        tip.textContent = tipText(node);
        tip.hidden = false;
      });
      page.addEventListener("mousemove", function (event) {
        tip.style.left = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8) + "px";
        tip.style.top = Math.min(event.clientY + 16, window.innerHeight - tip.offsetHeight - 8) + "px";
      });
      page.addEventListener("mouseleave", function () { tip.hidden = true; });
      function followLink(href) {
        var match = /^#([md])(\\d+)$/.exec(href || "");
        if (!match) return;
        var id = Number(match[2]);
        if (match[1] === "m") select([id], []); else select([], [id]);
      }
      document.querySelector("aside").addEventListener("click", function (event) {
        var a = event.target.closest("a");
        if (a) followLink(a.getAttribute("href"));
      });
      followLink(location.hash);
      if (/[?&]test(=|&|$)/.test(location.search)) {
        var results = data.marks.map(function (mark) {
          var result = { mark: mark.id, field: mark.field, item: mark.item, kind: mark.kind };
          var target = page.querySelector('[data-m~="' + mark.id + '"]');
          result.highlighted = target !== null;
          if (!target) return result;
          target.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
          result.tip = tip.textContent;
          target.click();
          var entry = selection.querySelector('[data-mark="' + mark.id + '"]');
          result.shownField = entry ? entry.querySelector(".sel-field").textContent : null;
          result.shownValue = entry ? entry.querySelector(".sel-value").textContent : null;
          result.text = Array.prototype.map.call(page.querySelectorAll('.src span.m[data-m~="' + mark.id + '"]'),
            function (node) { return node.textContent; }).join("");
          return result;
        });
        document.getElementById("test-results").textContent = JSON.stringify(results);
      }
    })();
    """
}
