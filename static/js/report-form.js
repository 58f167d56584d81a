// The new progress report (reports/admin/report_form.py): choosing the commitment reloads
// the form with it, so that the commitment's indicators come as rows with their unit and
// target, and the period and party it owes are preselected. Only while nothing has been
// typed in the results yet: a reload never throws away what the reporter wrote.
"use strict";
document.addEventListener("change", (event) => {
    const select = event.target;
    const form = document.getElementById("progressreport_form");
    if (!form || !document.getElementById("reload-on-commitment") || select.id !== "id_commitment") {
        return;
    }
    const typed = Array.from(form.querySelectorAll("textarea, input[name$='-value'], #id_percent"))
        .some((field) => field.value.trim() !== "");
    if (typed || !select.value) {
        return;
    }
    const address = new URL(window.location.href);
    address.searchParams.set("commitment", select.value);
    address.searchParams.delete("period");
    address.searchParams.delete("reporting_unit");
    window.location.assign(address.toString());
});
