// The build's last step (package.json's build, after scripts/build.mjs): writes the data folder images (./image.ts)
// into dist/images, beside the built server that looks for them there. Bundled to dist/write-images.js and run by node.
import { fileURLToPath } from 'node:url';
import { writeImages } from './image.ts';

const started = performance.now();
const dir = fileURLToPath(new URL('./images/', import.meta.url));
await writeImages(dir);
console.log(`Prepared databases written to ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
