/*
 * Wait groups, mutexes and semaphores, on the same wait queues as
 * channels. Semaphores are also how interrupt handlers wake tasks. With
 * several CPUs each operation holds rtlock (rt.h); parking lets go of it.
 */
#include <string.h>

#include "rt.h"
#include "sp.h"

/*
 * The shared-object checks name the object and the call that was given it,
 * "wait group of goro_wg_add": the linker then keeps the call's name, which
 * sched_check_thread reports, as the tail of that one string.
 */

/* Park on q; a waker fires the wait and readies us. rtlock held: the
 * park lets go of it. Always inline: a call here, last in its caller,
 * would be a tail call, and a debugger's backtrace of a parked task
 * would lose the call it waits in (goro_wg_wait, goro_mutex_lock). */
static inline __attribute__((always_inline)) void
park_on(struct goro_waitq *q, const char *reason)
{
	struct goro_wait st;
	struct goro_waiter w;

	waitq_join(q, &w, &st, NULL);
	sched_park(reason);
}

static void
wake_all(struct goro_waitq *q)
{
	struct goro_waiter *w;

	while ((w = waitq_take(q)) != NULL)
		sched_ready(w->st->g);
}

void
goro_wg_add(struct goro_wg *wg, int delta)
{
	sched_check_thread("goro_wg_add");
	stack_check_shared(wg, "wait group of goro_wg_add");
	rt_lock();
	wg->count += delta;
	if (wg->count < 0) {
		rt_unlock();
		goro_panic("goro_wg_add: negative counter in wait group %p", (void *)wg);
	}
	if (wg->count == 0)
		wake_all(&wg->q);
	rt_unlock();
}

void
goro_wg_done(struct goro_wg *wg)
{
	goro_wg_add(wg, -1);
}

void
goro_wg_wait(struct goro_wg *wg)
{
	sched_check_thread("goro_wg_wait");
	stack_check_shared(wg, "wait group of goro_wg_wait");
	rt_lock();
	if (wg->count > 0)
		park_on(&wg->q, "wait group");
	else
		rt_unlock();
}

/* The task calling call, which locks a mutex: only a task can own one. */
static struct g *
mutex_caller(const char *call)
{
	struct g *me = mycpu()->curg;

	sched_check_thread(call);
	if (me == NULL)
		goro_panic("%s outside a task", call);
	return me;
}

/* The mutex is handed to the first waiter on unlock, so it is never
 * free while someone waits: no waiter can be overtaken (FIFO). */
void
goro_mutex_lock(struct goro_mutex *m)
{
	struct g *me = mutex_caller("goro_mutex_lock");

	stack_check_shared(m, "mutex of goro_mutex_lock");
	rt_lock();
	if (m->owner == NULL) {
		m->owner = me;
		rt_unlock();
		return;
	}
	if (m->owner == me) {
		rt_unlock();
		goro_panic("goro_mutex_lock: goroutine %d already holds mutex %p", me->id,
		           (void *)m);
	}
	park_on(&m->q, "mutex");
	rt_assert("mutex", m->owner == me); /* handed over by unlock */
}

int
goro_mutex_trylock(struct goro_mutex *m)
{
	struct g *me = mutex_caller("goro_mutex_trylock");

	stack_check_shared(m, "mutex of goro_mutex_trylock");
	rt_lock();
	if (m->owner != NULL) {
		rt_unlock();
		return GORO_EWOULDBLOCK;
	}
	m->owner = me;
	rt_unlock();
	return GORO_OK;
}

void
goro_mutex_unlock(struct goro_mutex *m)
{
	struct g *me = mycpu()->curg;
	struct goro_waiter *w;

	sched_check_thread("goro_mutex_unlock");
	rt_lock();
	if (m->owner == NULL) {
		rt_unlock();
		goro_panic("goro_mutex_unlock of an unlocked mutex %p", (void *)m);
	}
	if (m->owner != me) {
		int id = ((struct g *)m->owner)->id;
		rt_unlock();
		goro_panic("goro_mutex_unlock of mutex %p, which goroutine %d holds", (void *)m,
		           id);
	}
	w = waitq_take(&m->q);
	m->owner = w ? w->st->g : NULL;
	if (w)
		sched_ready(w->st->g);
	rt_unlock();
}

void
goro_sema_init(struct goro_sema *s, int count)
{
	stack_check_shared(s, "semaphore of goro_sema_init");
	memset(s, 0, sizeof *s); /* no waiters, no pending posts */
	s->count = count;
}

void
goro_sema_init_isr(struct goro_sema *s, int count)
{
	goro_sema_init(s, count);
	s->isr = 1;
}

int
goro_sema_trywait(struct goro_sema *s)
{
	sched_check_thread("goro_sema_trywait");
	rt_lock();
	if (s->count <= 0) {
		rt_unlock();
		return GORO_EWOULDBLOCK;
	}
	s->count--;
	rt_unlock();
	return GORO_OK;
}

/* rtlock held (and held again on return): park on s until a post hands
 * it a count, or st fires otherwise (the
 * caller's timeout). */
static void
sema_park(struct goro_sema *s, struct goro_wait *st)
{
	struct cpu *all = sched_all(mycpu());
	struct goro_waiter w;

	waitq_join(&s->q, &w, st, NULL);
	if (s->isr)
		all->isr_waiters++; /* an interrupt may still come: not a deadlock */
	sched_park("semaphore");    /* lets go of rtlock */
	rt_lock();
	if (s->isr)
		all->isr_waiters--;
	waitq_remove(&w);
}

int
goro_sema_timedwait(struct goro_sema *s, uint64_t timeout_us)
{
	struct goro_wait st; /* started by sema_park's waitq_join */
	struct timeout to;

	sched_check_thread("goro_sema_wait");
	rt_lock();
	if (s->count > 0) {
		s->count--;
		rt_unlock();
		return GORO_OK;
	}
	if (timeout_us == 0) {
		rt_unlock();
		return GORO_ETIMEDOUT;
	}
	timeout_start(&to, &st, timeout_us);
	sema_park(s, &st);
	timeout_stop(&to);
	rt_unlock();
	return st.idx < 0 ? GORO_ETIMEDOUT : GORO_OK;
}

/* goro_sema_timedwait without the timeout, and without its code: a
 * program that never times a wait links no timers (rt.h, sched_time). */
void
goro_sema_wait(struct goro_sema *s)
{
	struct goro_wait st;

	sched_check_thread("goro_sema_wait");
	rt_lock();
	if (s->count > 0) {
		s->count--;
		rt_unlock();
		return;
	}
	sema_park(s, &st);
	rt_unlock();
}

/* Thread context: count n posts, handing each to a waiter if one waits. */
static void
sema_release(struct goro_sema *s, unsigned n)
{
	struct goro_waiter *w;

	s->count += (int)n;
	while (s->count > 0 && (w = waitq_take(&s->q)) != NULL) {
		s->count--;
		sched_ready(w->st->g);
	}
}

void
goro_sema_post(struct goro_sema *s)
{
	sched_check_thread("goro_sema_post"); /* goro_sema_post_isr is the one */
	rt_lock();
	sema_release(s, 1);
	rt_unlock();
}

/*
 * From an interrupt handler: never blocks, touches neither the count nor
 * the wait queue (thread code owns those and does not mask interrupts for
 * them). It notes the post and queues the semaphore for the scheduler,
 * which applies it at its next scheduling point, or as soon as the idle
 * CPU wakes from this very interrupt. Masked briefly against a nested
 * interrupt posting the same semaphore.
 */
#if GORO_NCPU > 1
/* Several CPUs' handlers may post the same semaphore: its ISR fields are
 * also under this lock, taken with interrupts masked. */
static spinlock_t isrlock;
#define isr_lock()   spin_lock_irq(&isrlock)
#define isr_unlock() spin_unlock(&isrlock)
#else
#define isr_lock()   ((void)0)
#define isr_unlock() ((void)0)
#endif

void
goro_sema_post_isr(struct goro_sema *s)
{
	struct cpu *c = mycpu();
	unsigned long irq = port_irq_save();

	__atomic_store_n(&sched_isr_posts, sema_apply_isr_posts, __ATOMIC_RELEASE);
	isr_lock();
	s->isr_posts++;
	if (!s->queued) {
		s->queued = 1;
		s->isr_next = c->isr_list;
		c->isr_list = s;
	}
	isr_unlock();
	poll_set(c, 1);
	port_irq_restore(irq);
}

/* Thread context (sched_poll): apply what interrupts posted. Each
 * semaphore is taken off the list with interrupts masked, then released
 * with them on. */
void
sema_apply_isr_posts(struct cpu *c)
{
	for (;;) {
		unsigned long irq = port_irq_save();
		struct goro_sema *s;
		unsigned n;

		isr_lock();
		s = c->isr_list;
		if (s == NULL) {
			isr_unlock();
			port_irq_restore(irq);
			return;
		}
		c->isr_list = s->isr_next;
		s->isr_next = NULL;
		s->queued = 0;
		n = s->isr_posts;
		s->isr_posts = 0;
		isr_unlock();
		port_irq_restore(irq);
		rt_lock();
		sema_release(s, n);
		rt_unlock();
	}
}
