// Progressive enhancement only: every feature below already works without this file.
"use strict";
