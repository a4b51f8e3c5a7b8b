package ui

import (
	"sync"

	"fyne.io/fyne/v2"
)

// background runs work off the UI goroutine and hands its result to done on
// the UI goroutine. Slow calls (key derivation, loading the register,
// imports) go through here so the window never freezes. done is skipped if
// the person signed out meanwhile, since it would draw onto a screen that is
// gone.
func background[T any](a *App, work func() (T, error), done func(T, error)) {
	gen := a.sess
	a.busy.Add(1)
	go func() {
		defer a.busy.Done()
		v, err := work()
		a.post(func() {
			if gen != nil && a.sess != gen {
				return
			}
			done(v, err)
		})
	}()
}

// backgroundErr is background for work with no result but an error.
func backgroundErr(a *App, work func() error, done func(error)) {
	background(a, func() (struct{}, error) { return struct{}{}, work() }, func(_ struct{}, err error) { done(err) })
}

// post runs fn on the UI goroutine: through fyne.Do in the app, or on the
// test's goroutine at its next settle once a test has called queueForTests.
func (a *App) post(fn func()) {
	if q := a.queue; q != nil {
		q.add(fn)
		return
	}
	fyne.Do(fn)
}

// uiQueue holds work for the UI goroutine in tests. Fyne's test driver runs
// fyne.Do at once on the calling goroutine, which would let a worker change
// widgets while the test reads them.
type uiQueue struct {
	mu  sync.Mutex
	fns []func()
}

func (q *uiQueue) add(fn func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.fns = append(q.fns, fn)
}

func (q *uiQueue) take() []func() {
	q.mu.Lock()
	defer q.mu.Unlock()
	fns := q.fns
	q.fns = nil
	return fns
}

// queueForTests makes background results wait for settle.
func (a *App) queueForTests() { a.queue = &uiQueue{} }

// settle waits for background work and runs what it hands back, until
// nothing is left: when it returns, every screen shows its results.
func (a *App) settle() {
	for {
		a.busy.Wait()
		if a.queue == nil {
			return
		}
		fns := a.queue.take()
		if len(fns) == 0 {
			return
		}
		for _, fn := range fns {
			fn()
		}
	}
}
