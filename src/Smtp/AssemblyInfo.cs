using System.Runtime.CompilerServices;

// Every native call passes blittable data only: no run-time marshalling code is generated (AOT-friendly).
[assembly: DisableRuntimeMarshalling]
