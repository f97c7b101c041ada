// Optional enhancement: every page works without this script. It keeps a budget's total
// up to date while the visitor types (the server computes and checks it anyway).
(function () {
  "use strict";
  function total(form) {
    var out = form.querySelector("[data-budget-total]");
    if (!out) { return; }
    var cents = 0n;
    var ok = true;
    form.querySelectorAll("[data-budget-amount]").forEach(function (input) {
      var text = input.value.trim();
      if (text === "") { return; }
      var match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
      if (!match) { ok = false; return; }
      cents += BigInt(match[1]) * 100n + BigInt(((match[2] || "") + "00").slice(0, 2));
    });
    if (!ok) { return; }
    var whole = (cents / 100n).toString();
    var part = (cents % 100n).toString().padStart(2, "0");
    out.textContent = out.getAttribute("data-budget-currency") + " " + whole + "." + part;
  }
  document.querySelectorAll("form").forEach(function (form) {
    if (form.querySelector("[data-budget-total]")) {
      form.addEventListener("input", function () { total(form); });
    }
  });
})();
