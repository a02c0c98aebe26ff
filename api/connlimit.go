package api

import (
	"net"
	"net/netip"
	"sync"
)

// MaxConnsPerAddress bounds the open connections of one client address: enough for any browser
// or load balancer pool, too few for one address to hold every file descriptor of the process.
const MaxConnsPerAddress = 256

// LimitConnsPerAddress wraps ln so that one client address holds at most max open connections; a
// connection beyond that is closed as soon as it is accepted, and the others are not delayed.
// Peers in exempt (trusted reverse proxies, which carry many clients) are not limited.
func LimitConnsPerAddress(ln net.Listener, limit int, exempt []netip.Prefix) net.Listener {
	return &perAddressListener{Listener: ln, limit: limit, exempt: exempt, open: map[netip.Addr]int{}}
}

type perAddressListener struct {
	net.Listener
	limit  int
	exempt []netip.Prefix
	mu     sync.Mutex
	open   map[netip.Addr]int
}

// Accept returns the next connection whose address is within its limit.
func (l *perAddressListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		addr, limited := l.addressOf(c)
		if !limited {
			return c, nil
		}
		if l.take(addr) {
			return &countedConn{Conn: c, release: func() { l.give(addr) }}, nil
		}
		_ = c.Close()
	}
}

// addressOf is the peer's address and whether it is limited (TCP peers outside exempt).
func (l *perAddressListener) addressOf(c net.Conn) (netip.Addr, bool) {
	tcp, ok := c.RemoteAddr().(*net.TCPAddr)
	if !ok {
		return netip.Addr{}, false
	}
	addr := tcp.AddrPort().Addr().Unmap()
	for _, p := range l.exempt {
		if p.Contains(addr) {
			return addr, false
		}
	}
	return addr, true
}

func (l *perAddressListener) take(addr netip.Addr) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open[addr] >= l.limit {
		return false
	}
	l.open[addr]++
	return true
}

func (l *perAddressListener) give(addr netip.Addr) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open[addr]--; l.open[addr] <= 0 {
		delete(l.open, addr)
	}
}

// countedConn gives its place back once, on the first Close.
type countedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *countedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
