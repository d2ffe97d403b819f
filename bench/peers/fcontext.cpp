// Boost.Context's lowest layer, for a ratio taken on one machine at one
// time: two contexts jumping to each other with jump_fcontext. One jump is
// one switch. Prints "bench switch <ns per switch>".
#include <boost/context/detail/fcontext.hpp>

#include <chrono>
#include <cstdio>
#include <vector>

namespace ctx = boost::context::detail;

static const long n = 10000000;

static void
bouncer(ctx::transfer_t t)
{
	for (;;)
		t = ctx::jump_fcontext(t.fctx, nullptr);
}

int
main()
{
	std::vector<char> stack(64 * 1024);
	ctx::fcontext_t other = ctx::make_fcontext(stack.data() + stack.size(), stack.size(), bouncer);
	auto start = std::chrono::steady_clock::now();
	for (long i = 0; i < n; i++)
		other = ctx::jump_fcontext(other, nullptr).fctx; // there and back: two switches
	auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
	    std::chrono::steady_clock::now() - start).count();
	std::printf("bench switch %.2f\n", (double)ns / (2.0 * n));
	return 0;
}
