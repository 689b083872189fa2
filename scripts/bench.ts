process.stdout.write('npm run bench: not yet — benchmarks land with order sync.\n');
