/**
 * `npm start`: sideload the add-in into Excel desktop with office-addin-debugging (Windows, macOS), or print how to
 * sideload it into Excel on the web where there is no Excel desktop (see scripts/addin-debugging.js).
 * `npm start -- web --document <workbook URL>` uses office-addin-debugging's Excel-on-the-web sideloading.
 */
const { run } = require("./addin-debugging");

process.exitCode = run("start");
