import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baselineRssMB } from './harness.ts';

// Child side of runCase(): import the case module, run the named function, print one JSON line.
const [modulePath, fnName, argsJson] = process.argv.slice(2);
const mod = (await import(pathToFileURL(resolve(modulePath)).href)) as Record<string, (a: unknown) => Promise<Record<string, number | string>>>;
const result = await mod[fnName](JSON.parse(argsJson));
const peakRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ result, peakRssMB, baselineRssMB: baselineRssMB() }));
