// A studio process for the kill -9 test: imports argv[4] into dataset argv[3] of the data
// directory argv[2], printing "done N" after each image, so the test can kill it mid-import.
import { openStore } from '../../../../src-main/storage';
import { importImages } from '../../../../src-main/studio/datasets';

const store = openStore({ dataDir: process.argv[2] });
await importImages(store, { datasetId: Number(process.argv[3]), sources: [process.argv[4]], onProgress: (p) => console.log(`done ${p.done}`) });
console.log('finished');
store.close();
