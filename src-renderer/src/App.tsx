/** The studio shell. Pages (models, datasets, training, generate, router) arrive with the studio issue. */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>StyleInject Studio</h1>
      <p>Train, blend and inspect style adapters for Stable Diffusion 1.5. The studio pages are on their way; use the styleinject CLI meanwhile.</p>
    </main>
  );
}
