using System.Runtime.CompilerServices;

// Interop with the kernel passes blittable structs and pointers only: the runtime never marshals anything.
[assembly: DisableRuntimeMarshalling]
