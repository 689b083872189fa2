// `npm run build`, after tsc: dist/ gets a package.json of its own, so that in the compiled files
// `#src/...` means dist/ (Node reads `imports` from the nearest package.json) and they are ES modules.
import { writeFileSync } from 'node:fs';

const distPackage = { type: 'module', imports: { '#src/*': './*' } };
writeFileSync('dist/package.json', `${JSON.stringify(distPackage, null, 2)}\n`);
