// Behaviour of every page, in a file of its own: the Content-Security-Policy allows no inline script
// (docs/security.md). Each hook is a data attribute, so the templates carry no JavaScript.
(function () {
  "use strict";

  // <select data-autosubmit>: choosing an option submits its form (a <noscript> button does without JS).
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
  });

  // Forms with [data-kind-field]: show only the fields whose data-credential-kinds lists the chosen
  // kind; the server clears and checks the others anyway.
  function toggleKindFields(form) {
    var kind = form.querySelector("[name=" + form.dataset.kindField + "]");
    if (!kind) {
      return;
    }
    form.querySelectorAll("[data-credential-kinds]").forEach(function (widget) {
      var used = widget.dataset.credentialKinds.split(" ").indexOf(kind.value) !== -1;
      var wrapper = widget.closest(".form-field").parentElement;
      wrapper.hidden = !used;
    });
  }

  // <form data-confirm="…">: a delete, removal or withdrawal asks first (the question is translated).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  document.querySelectorAll("form[data-kind-field]").forEach(function (form) {
    var kind = form.querySelector("[name=" + form.dataset.kindField + "]");
    if (kind) {
      kind.addEventListener("change", function () {
        toggleKindFields(form);
      });
    }
    toggleKindFields(form);
  });
})();
