import { prebuiltWorkerCount, prepareWorkerBundles } from '../jobs/worker-bundles.ts';

// `npm run prebuild-workers`: builds the job workers' files ahead (the Docker image does, before
// it drops to an unprivileged user who could not write them), so a start only checks them.
await prepareWorkerBundles();
const { ready, of } = prebuiltWorkerCount();
if (ready < of) {
  console.error(`Only ${ready} of ${of} job workers could be built ahead; the others start through tsx.`);
  process.exit(1);
}
console.log(`${of} job workers built ahead (node_modules/.cache/data-mirage-workers).`);
