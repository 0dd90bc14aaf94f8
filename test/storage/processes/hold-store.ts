// A second studio process for tests: opens the data directory given as argv[2], then writes
// a project per tick until killed, printing "ready" once it holds the lock and "wrote N" per write.
import { createProject, openStore } from '../../../src-main/storage';

const store = openStore({ dataDir: process.argv[2] });
console.log(`ready ${process.pid}`);
let n = 0;
setInterval(() => {
  void createProject(store, { name: `written by ${process.pid} #${++n}` }).then(() => console.log(`wrote ${n}`));
}, 5);
