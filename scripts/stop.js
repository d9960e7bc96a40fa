/**
 * `npm stop`: unload the add-in from Excel desktop and end the dev server (office-addin-debugging, Windows and
 * macOS); elsewhere it says how to stop the dev server and remove an uploaded add-in (see scripts/addin-debugging.js).
 */
const { run } = require("./addin-debugging");

process.exitCode = run("stop");
