/**
 * Puppeteer must never download a browser: installs run offline and CI uses
 * Debian's Chromium (apt-get install chromium fonts-noto-cjk).
 */
module.exports = {
  skipDownload: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
};
