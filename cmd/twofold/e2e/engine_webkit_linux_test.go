//go:build !js

package e2e

// The processes behind a WebKitGTK tab (see engine_webkit_test.go): an
// Xvfb, a MiniBrowser in automation mode, a relay between the two others,
// and a WebKitWebDriver. Each runs in a process group of its own, so that
// stopping a group also stops what its leader started (MiniBrowser's web
// and network processes).
//
// Every tab has an X server of its own, rather than one per test binary:
// it costs about 0.2 s of the 2 s an open takes, and it keeps tabs from
// taking the keyboard focus from one another, as windows on one display
// without a window manager do.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func (d webkitDriver) open(t testing.TB, opts tabOptions) (tab, error) {
	t.Helper()
	wd, err := exec.LookPath("WebKitWebDriver")
	if err != nil {
		missingEngine(t, d, "no WebKitWebDriver (Debian package webkit2gtk-driver)")
	}
	browser := miniBrowserPath()
	if browser == "" {
		missingEngine(t, d, "no MiniBrowser (Debian package libwebkit2gtk-4.1-0)")
	}
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		missingEngine(t, d, "no Xvfb (Debian package xvfb)")
	}

	p := &webkitProcesses{}
	w := &webkitTab{stop: p.stop}
	t.Cleanup(func() { w.close() })
	root, err := p.start(wd, browser, xvfb, opts.Downloads)
	if err == nil {
		err = w.startSession(root, opts.Width, opts.Height)
	}
	if err != nil {
		w.close()
		if tail := p.log.String(); tail != "" {
			err = fmt.Errorf("%w; the browser and driver wrote:\n%s", err, tail)
		}
		return nil, err
	}
	return w, nil
}

// miniBrowserPath returns where MiniBrowser is installed, or "".
func miniBrowserPath() string {
	for _, pattern := range []string{
		"/usr/lib/*/webkit2gtk-4.1/MiniBrowser",
		"/usr/lib/*/webkit2gtk-4.0/MiniBrowser",
		"/usr/libexec/webkit2gtk-4.*/MiniBrowser",
	} {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			return m[0]
		}
	}
	return ""
}

// webkitProcesses are the processes and the folder of one tab.
type webkitProcesses struct {
	dir     string      // HOME and the XDG folders
	log     *tailBuffer // what the browser and the driver wrote
	xvfb    *groupLeader
	browser *groupLeader
	relay   *ackRelay
	driver  *groupLeader
}

// start starts the processes of a tab whose downloads go to the folder
// downloads, and returns the root URL of its WebDriver.
//
// MiniBrowser is started here, not by the driver, so that the driver talks
// to it through a relay: MiniBrowser and WebKitWebDriver write their
// messages to each other on a loopback TCP connection in small pieces,
// without TCP_NODELAY, and each waits for the other's delayed
// acknowledgement (40 ms on Linux) whenever the browser sends a message of
// its own, as on every navigation. The relay acknowledges at once.
func (p *webkitProcesses) start(wd, browser, xvfb, downloads string) (string, error) {
	var err error
	p.dir, err = os.MkdirTemp("", "twofold-webkit-")
	if err != nil {
		return "", err
	}
	p.log = &tailBuffer{max: 8 << 10}
	display, err := p.startXvfb(xvfb)
	if err != nil {
		return "", err
	}
	env, err := webkitEnvironment(p.dir, display, downloads)
	if err != nil {
		return "", err
	}

	inspector, err := freePort()
	if err != nil {
		return "", err
	}
	target := "127.0.0.1:" + strconv.Itoa(inspector)
	cmd := exec.Command(browser, "--automation", "--full-screen")
	cmd.Env = append(env, "WEBKIT_INSPECTOR_SERVER="+target)
	cmd.Dir = p.dir
	cmd.Stdout, cmd.Stderr = p.log, p.log
	if p.browser, err = startGroup(cmd); err != nil {
		return "", fmt.Errorf("starting MiniBrowser: %w", err)
	}
	if err := waitListening(target, p.browser); err != nil {
		return "", fmt.Errorf("MiniBrowser: %w", err)
	}
	if p.relay, err = startRelay(target); err != nil {
		return "", err
	}

	port, err := freePort()
	if err != nil {
		return "", err
	}
	cmd = exec.Command(wd, "--host=127.0.0.1", "--port="+strconv.Itoa(port), "--target="+p.relay.addr())
	cmd.Env = env
	cmd.Dir = p.dir
	cmd.Stdout, cmd.Stderr = p.log, p.log
	if p.driver, err = startGroup(cmd); err != nil {
		return "", fmt.Errorf("starting WebKitWebDriver: %w", err)
	}
	root := "http://127.0.0.1:" + strconv.Itoa(port)
	return root, waitReady(root, p.driver)
}

// startXvfb starts an X server on a display it picks, and returns the
// display's name.
func (p *webkitProcesses) startXvfb(xvfb string) (string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", err
	}
	defer r.Close()
	screen := fmt.Sprintf("%dx%dx24", webkitScreenWidth, webkitScreenHeight)
	cmd := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", screen, "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w} // fd 3
	p.xvfb, err = startGroup(cmd)
	w.Close()
	if err != nil {
		return "", fmt.Errorf("starting Xvfb: %w", err)
	}
	// Xvfb writes the display's number once it accepts clients.
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if _, err := strconv.Atoi(n); err != nil {
			return "", fmt.Errorf("Xvfb did not start (it wrote %q)", n)
		}
		return ":" + n, nil
	case <-time.After(stepTimeout):
		return "", fmt.Errorf("Xvfb did not start in %v", stepTimeout)
	}
}

// stop stops every process of the tab, the last started first, and removes
// its folder.
func (p *webkitProcesses) stop() error {
	for _, g := range []*groupLeader{p.driver, p.browser} {
		if g != nil {
			g.stop()
		}
	}
	if p.relay != nil {
		p.relay.close()
	}
	if p.xvfb != nil {
		p.xvfb.stop()
	}
	if p.dir != "" {
		return os.RemoveAll(p.dir)
	}
	return nil
}

// webkitEnvironment returns the environment of the browser and the driver:
// the X display, and a home and XDG folders under dir, with downloads going
// to the folder downloads.
func webkitEnvironment(dir, display, downloads string) ([]string, error) {
	abs, err := filepath.Abs(downloads)
	if err != nil {
		return nil, err
	}
	if strings.ContainsAny(abs, "\"\\$\n") {
		return nil, fmt.Errorf("the downloads folder %q cannot be written in user-dirs.dirs", abs)
	}
	folders := map[string]string{
		"HOME":            filepath.Join(dir, "home"),
		"XDG_CONFIG_HOME": filepath.Join(dir, "config"),
		"XDG_DATA_HOME":   filepath.Join(dir, "data"),
		"XDG_CACHE_HOME":  filepath.Join(dir, "cache"),
		"XDG_RUNTIME_DIR": filepath.Join(dir, "runtime"),
	}
	for _, f := range folders {
		if err := os.MkdirAll(f, 0o700); err != nil {
			return nil, err
		}
	}
	// WebKit saves a download in GLib's g_get_user_special_dir for
	// downloads, which reads this file, not the environment.
	dirs := fmt.Sprintf("XDG_DOWNLOAD_DIR=%q\n", abs)
	if err := os.WriteFile(filepath.Join(folders["XDG_CONFIG_HOME"], "user-dirs.dirs"), []byte(dirs), 0o600); err != nil {
		return nil, err
	}
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if _, ok := folders[name]; ok || name == "DISPLAY" || name == "WAYLAND_DISPLAY" || strings.HasPrefix(name, "XDG_") || strings.HasPrefix(name, "WEBKIT_") || name == "DBUS_SESSION_BUS_ADDRESS" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "DISPLAY="+display, "NO_AT_BRIDGE=1") // no accessibility bus to look for
	for name, f := range folders {
		env = append(env, name+"="+f)
	}
	return env, nil
}

// freePort returns a TCP port on the loopback interface that nothing
// listens on at the moment.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitListening waits until something listens on the TCP address addr, or g
// exits.
func waitListening(addr string, g *groupLeader) error {
	deadline := time.Now().Add(stepTimeout)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			return c.Close()
		}
		select {
		case <-g.exited:
			return errors.New("it exited before it listened for the driver")
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("nothing listens on %s after %v", addr, stepTimeout)
		}
	}
}

// waitReady waits until the driver at root answers that it is ready for a
// session, or g exits.
func waitReady(root string, g *groupLeader) error {
	deadline := time.Now().Add(stepTimeout)
	for {
		var status struct{ Ready bool }
		err := webdriverRequest(http.MethodGet, root+"/status", nil, &status)
		if err == nil && status.Ready {
			return nil
		}
		select {
		case <-g.exited:
			return errors.New("WebKitWebDriver exited")
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("WebKitWebDriver not ready in %v (last error: %v)", stepTimeout, err)
		}
	}
}

// groupLeader is a started process that leads a process group of its own.
type groupLeader struct {
	cmd    *exec.Cmd
	exited chan struct{} // closed once the process has exited
}

// startGroup starts cmd as the leader of a new process group.
func startGroup(cmd *exec.Cmd) (*groupLeader, error) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	g := &groupLeader{cmd: cmd, exited: make(chan struct{})}
	go func() {
		cmd.Wait()
		close(g.exited)
	}()
	return g, nil
}

// stop ends g's process group: politely, then after a few seconds by force.
// It returns once the leader has exited.
func (g *groupLeader) stop() {
	pgid := g.cmd.Process.Pid
	syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-g.exited:
	case <-time.After(5 * time.Second):
	}
	// Members (MiniBrowser's web and network processes) may outlive the
	// leader.
	syscall.Kill(-pgid, syscall.SIGKILL)
	<-g.exited
}

// ackRelay forwards the TCP connections it accepts on a loopback port to a
// target address, and acknowledges what it reads on either side at once
// (TCP_QUICKACK), so that neither end's small writes wait for a delayed
// acknowledgement. Go's connections are TCP_NODELAY already, so the relay's
// own writes do not wait either.
type ackRelay struct {
	l      net.Listener
	target string
	wg     sync.WaitGroup

	mu     sync.Mutex
	conns  []net.Conn
	closed bool
}

func startRelay(target string) (*ackRelay, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &ackRelay{l: l, target: target}
	r.wg.Go(r.serve)
	return r, nil
}

func (r *ackRelay) addr() string { return r.l.Addr().String() }

func (r *ackRelay) serve() {
	for {
		c, err := r.l.Accept()
		if err != nil {
			return
		}
		d, err := net.DialTimeout("tcp", r.target, 5*time.Second)
		if err != nil {
			c.Close()
			continue
		}
		r.mu.Lock()
		if r.closed {
			r.mu.Unlock()
			c.Close()
			d.Close()
			return
		}
		r.conns = append(r.conns, c, d)
		r.mu.Unlock()
		r.wg.Go(func() { pipeQuickAck(d, c) })
		r.wg.Go(func() { pipeQuickAck(c, d) })
	}
}

// pipeQuickAck copies from src to dst until src ends, then ends dst's
// writing side.
func pipeQuickAck(dst, src net.Conn) {
	buf := make([]byte, 64<<10)
	for {
		quickAck(src)
		n, err := src.Read(buf)
		quickAck(src)
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			if tc, ok := dst.(*net.TCPConn); ok && errors.Is(err, io.EOF) {
				tc.CloseWrite()
			}
			return
		}
	}
}

// quickAck makes the kernel acknowledge what c receives next without
// delay. The kernel may leave quick acknowledgement mode again, so the
// relay sets it around every read.
func quickAck(c net.Conn) {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return
	}
	raw, err := tc.SyscallConn()
	if err != nil {
		return
	}
	raw.Control(func(fd uintptr) {
		syscall.SetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_QUICKACK, 1)
	})
}

// close stops accepting, closes every connection and waits for the copies
// to end.
func (r *ackRelay) close() {
	r.l.Close()
	r.mu.Lock()
	r.closed = true
	for _, c := range r.conns {
		c.Close()
	}
	r.mu.Unlock()
	r.wg.Wait()
}
