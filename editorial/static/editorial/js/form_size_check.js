// Before the page editor sends its form, count the fields it would send. Above the server's limit
// (DATA_UPLOAD_MAX_NUMBER_FIELDS, passed in data-max-fields) the server would refuse the whole save, so the form
// is not sent: the editor keeps every typed word on the page and is told what to do instead.
(() => {
  const script = document.currentScript;
  const maxFields = Number(script.dataset.maxFields);
  const message = script.dataset.message;

  const showRefusal = (form) => {
    let alert = form.querySelector("[data-form-size-alert]");
    if (!alert) {
      alert = document.createElement("div");
      alert.className = "help-block help-critical";
      alert.setAttribute("role", "alert");
      alert.dataset.formSizeAlert = "";
      form.prepend(alert);
    }
    alert.textContent = message;
    alert.scrollIntoView({ block: "center" });
  };

  const releaseButtons = (form) => {
    // Wagtail's buttons show "Saving…" and disable themselves right after the click; give them back.
    window.setTimeout(() => {
      form.querySelectorAll("[data-controller~='w-progress']").forEach((button) => {
        const progress = window.wagtail?.app?.getControllerForElementAndIdentifier(button, "w-progress");
        if (progress) progress.deactivate();
        else button.removeAttribute("disabled");
      });
    }, 50);
  };

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-edit-form")) return;
    if ([...new FormData(form, event.submitter).keys()].length <= maxFields) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    showRefusal(form);
    releaseButtons(form);
  }, true);
})();
