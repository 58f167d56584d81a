// The admin's navigation sidebar starts closed (issue 12: on a 1366 px screen its 275 px
// are what a list's columns need). Django's nav_sidebar.js opens it unless the browser
// remembers "false"; a user who opens it with the « » button keeps it open.
"use strict";
{
    const key = "django.admin.navSidebarIsOpen";
    try {
        if (localStorage.getItem(key) === null) {
            localStorage.setItem(key, "false");
        }
    } catch (error) {
        // storage refused (private mode, policy): Django's default applies
    }
}
