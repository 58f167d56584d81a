"""Who may see, change, submit, review, close, import, export and download what.

Placeholder: the rules are being moved here (issue 8).
"""
