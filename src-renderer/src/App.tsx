import { useEffect, useState } from 'react';
import type { AppInfo, StudioClient } from '../../src-main/contract';
import type { Project } from '../../src-main/storage';
import { connectStudio } from './api/connect';

/** The studio shell: connects over either transport and shows the projects. The pages arrive with the studio pages issue. */
export function App() {
  const [client] = useState<StudioClient | Error>(() => {
    try {
      return connectStudio();
    } catch (error) {
      return error as Error;
    }
  });
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [projects, setProjects] = useState<Project[]>([]);
  const [problem, setProblem] = useState<string | null>(client instanceof Error ? client.message : null);
  useEffect(() => {
    if (client instanceof Error) return;
    client.call('app.info', {}).then(setInfo, (e: Error) => setProblem(e.message));
    client.call('projects.list', {}).then(setProjects, (e: Error) => setProblem(e.message));
  }, [client]);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24, background: '#1a1b1e', color: '#e8e8ea', minHeight: '100vh' }}>
      <h1>StyleInject Studio</h1>
      {problem && <p role="alert">{problem}</p>}
      {info && <p data-testid="backend">{info.backend ?? 'engine starting'} · data in {info.dataDir}</p>}
      <h2>Projects</h2>
      <ul>{projects.map((p) => <li key={p.id}>{p.name}</li>)}</ul>
    </main>
  );
}
