#!/usr/bin/env node
// `node bin/licat.js ...`, as earlier versions were called: the command is bin/licat.cjs.
import './licat.cjs';
