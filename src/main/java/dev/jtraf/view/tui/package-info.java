/**
 * The full-screen dashboard (Lanterna's Screen layer): snapshots in, text out.
 *
 * <pre>
 *  DashboardModel ──snapshot()──▶ DashboardLoop (the UI thread: polls keys every 50 ms,
 *   (cli.TuiRun)   ──docker()───▶  │               redraws every 500 ms and after a key/resize)
 *        ▲                         │ KeyHandler ──▶ UiState (screen, sort, units, filter,
 *        └── pause / speed ────────┘                         selection, gone-since times)
 *                                  ▼
 *                 Renderer.draw(Snapshot, RunStatus(+DockerView), UiState, TextGraphics, size)   pure
 *                   ├─ GeneralScreen   iptraf-ng's general statistics + in/out, sparklines,
 *                   │                  container and network of each veth and bridge
 *                   ├─ DetailScreen    the category x packets/bytes x total/in/out matrix
 *                   ├─ DockerScreen    DockerTree (NIC, bridges, veths, containers) + PacketPath
 *                   ├─ HelpScreen      keys and meanings
 *                   └─ TooSmallScreen  below 80x24
 *                 (Chrome: title, message, status and key legend; Canvas + Theme: styles)
 *                                  ▼
 *                 TerminalScreen.refresh() (delta) ──▶ TerminalOutput ──▶ the terminal
 * </pre>
 *
 * <p>Nothing here imports {@code dev.jtraf.source} or {@code dev.jtraf.capture}: live and
 * replay look the same through the model. From {@code dev.jtraf.docker} only the immutable view
 * ({@code DockerView} and its records) is read; a replay has none (null). Tests draw the same {@code Renderer} on Lanterna's
 * virtual terminal and compare whole screens with golden files.
 */
package dev.jtraf.view.tui;
