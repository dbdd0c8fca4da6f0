/**
 * What the start page shows a browser without the workspace owner's cookie: nothing of the
 * workspace (no dataset names, no demos), only how to get in.
 */
export function WayInCard() {
  return (
    <section className="card wide" aria-labelledby="way-in-title" data-testid="way-in">
      <h2 id="way-in-title">This workspace belongs to its owner</h2>
      <p>
        Its tables and analyses open only with the owner's link. If this is your server, open the <strong>owner link</strong> it printed when it
        started (<code>Owner link … http://…/?token=…</code> in the terminal running <code>npm start</code>); this browser then remembers it.
      </p>
      <p className="muted">Taking part in a session? Ask its presenter for the session link (it opens that session only).</p>
    </section>
  );
}
