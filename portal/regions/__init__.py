"""Region pages: a place's reports, figures and the places below it."""
