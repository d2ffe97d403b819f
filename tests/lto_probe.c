/* Compiled with -flto and the stack-check plugin by the lto_refused test:
 * the plugin must refuse, since LTO would drop its check. */
int lto_probe(int x);

int
lto_probe(int x)
{
	return x + 1;
}
