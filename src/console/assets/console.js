// Suara console: small conveniences only; every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Ask before actions that change a report for good.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
  // Filters apply as soon as they change.
  document.querySelectorAll("form.filters select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
