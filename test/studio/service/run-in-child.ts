// A studio process for the recovery test: opens the data folder, starts a run on project 1, and
// tells its parent when the first checkpoint is written (the parent then kills it with kill -9).
import { createEngineClient } from '../../../src-main/engine-host/engine-client';
import { forkEngine } from '../../../src-main/engine-host/fork-engine';
import { openStore } from '../../../src-main/storage';
import { createStudioService } from '../../../src-main/studio/service/studio-service';
import { dispatch } from '../../../src-main/transport/rpc';

const [dataDir, settings] = process.argv.slice(2);
const service = createStudioService({ store: openStore({ dataDir }), engine: createEngineClient(forkEngine({ backend: 'wasm' })), mode: 'browser', version: 'test' });
service.subscribe((event, payload) => {
  if (event === 'job' && (payload as { event: { type: string } }).event.type === 'checkpoint') process.send?.('checkpoint');
});
const reply = await dispatch(service.handlers, 'runs.start', { projectId: 1, datasetId: 1, modelId: 1, name: 'interrupted', settings: JSON.parse(settings) });
if (!reply.ok) throw new Error(reply.error.message);
