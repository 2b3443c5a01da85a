"""Browser tests: real JupyterLab and Voilà driven by headless Chromium through Playwright."""
