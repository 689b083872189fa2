process.stdout.write(
  'npm run sandbox: not yet — the fake Prom and Rozetka servers land with the marketplace adapters.\n',
);
