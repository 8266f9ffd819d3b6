// The tests drive the system's browsers (Debian's chromium and firefox-esr); puppeteer, pulled in by
// @web/test-runner-puppeteer, must not download a browser of its own on `npm install`.
module.exports = { skipDownload: true };
