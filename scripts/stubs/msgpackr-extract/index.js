// See package.json: msgpackr requires this inside try/catch and falls back to JavaScript.
throw new Error('msgpackr-extract is stubbed in this repository; msgpackr uses its JavaScript decoder');
