Console.Out.Write("1|6|unix|/nonexistent|grpc|\n");
Console.Out.Flush();
Thread.Sleep(Timeout.Infinite);
