// Package splitmix holds SplitMix64 (Steele, Lea and Flood 2014, "Fast splittable pseudorandom
// number generators"), the 64-bit mixing function behind dedupe's shingle hashes, MinHash
// signatures and generated corpora.
//
// Shingle hashes and signatures are stored in indexes, so these constants are part of the file
// format and must never change; golden tests in packages shingle and minhash pin them.
package splitmix

// Gamma is the generator's increment: 2^64 divided by the golden ratio, rounded to odd.
const Gamma = 0x9e3779b97f4a7c15

// Mix is the generator's output function: a bijection of 64-bit words with full avalanche (every
// input bit flips every output bit with probability about one half).
//
//	z = (x ^ x>>30) * 0xbf58476d1ce4e5b9
//	z = (z ^ z>>27) * 0x94d049bb133111eb
//	return z ^ z>>31
func Mix(x uint64) uint64 {
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// Next advances *state by Gamma and returns the generator's next output, Mix(*state).
func Next(state *uint64) uint64 {
	*state += Gamma
	return Mix(*state)
}
