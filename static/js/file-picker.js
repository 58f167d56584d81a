// The page's own file picker (portal/lib/file_picker.py): shows the chosen file's name
// beside the "Chọn tệp" button, or the "no file" text again when the choice is cleared.
"use strict";
document.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.classList.contains("file-picker-input")) {
        return;
    }
    const shown = input.closest(".file-picker")?.querySelector(".file-picker-name");
    if (shown) {
        const names = Array.from(input.files || [], (file) => file.name);
        shown.textContent = names.length ? names.join(", ") : shown.dataset.empty;
    }
});
