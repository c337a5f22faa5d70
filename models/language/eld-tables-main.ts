/**
 * `node dist/models/language/eld-tables-main.js` (part of `npm run train:models`): rewrites
 * samples/models/eld-tables.bin, eld's n-gram database flattened (models/language/eld-tables-file.ts).
 * Run it after upgrading eld: until then the tables are built from eld at every start.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { eldTablesFileBytes, installedEldVersion } from './eld-tables-file.js';
import { readEldTables } from './eld-tables.js';
import { ELD_TABLES_PATH } from './shared-eld-tables.js';

await writeFile(ELD_TABLES_PATH, eldTablesFileBytes(await readEldTables({ shared: false }), installedEldVersion()));
process.stderr.write(`wrote ${path.relative(PACKAGE_ROOT, ELD_TABLES_PATH)}\n`);
